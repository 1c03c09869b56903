using Microsoft.AspNetCore.Identity;

namespace SocialCrm.Persistence.Workplace;

/// <summary>The roles people hold; a user may hold several.</summary>
public static class Roles
{
    public const string Agent = "agent", Admin = "admin", Analyst = "analyst";
    public static readonly string[] All = [Agent, Admin, Analyst];
}

/// <summary>A person who signs in: an agent, admin or analyst. Disabled users keep their history but cannot sign in.</summary>
public sealed class CrmUser : IdentityUser
{
    public DateTime CreatedAt { get; set; }
    public DateTime? DisabledAt { get; set; }
}
