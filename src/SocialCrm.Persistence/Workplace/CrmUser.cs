using Microsoft.AspNetCore.Identity;

namespace SocialCrm.Persistence.Workplace;

/// <summary>The roles people hold; a user may hold several.</summary>
public static class Roles
{
    public const string Agent = "agent", Admin = "admin", Analyst = "analyst";
    /// <summary>A service account of the company's back office: it sends customer data and nothing else.</summary>
    public const string BackOffice = "backoffice";
    /// <summary>The roles of people, who use the console.</summary>
    public static readonly string[] People = [Agent, Admin, Analyst];
    public static readonly string[] All = [.. People, BackOffice];
}

/// <summary>A person who signs in: an agent, admin or analyst. Disabled users keep their history but cannot sign in.</summary>
public sealed class CrmUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }
    public DateTime? DisabledAt { get; set; }
}
