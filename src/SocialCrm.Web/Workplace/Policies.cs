using Microsoft.AspNetCore.Authorization;
using SocialCrm.Persistence.Workplace;

namespace SocialCrm.Web.Workplace;

/// <summary>
/// Who may use what. Every endpoint and page names one of these (or allows anonymous callers explicitly); a test
/// enumerates the endpoints and fails on one that names none.
/// </summary>
public static class Policies
{
    /// <summary>Work the inbox: claim, reply, ignore.</summary>
    public const string Agents = "agents";
    /// <summary>Read the measure reports and export them.</summary>
    public const string Analysts = "analysts";
    /// <summary>Users, audit trail, workflows, models, failed messages, ingestion.</summary>
    public const string Admins = "admins";
    /// <summary>The back office's customer data: admins, and the back office's service account.</summary>
    public const string BackOffice = "backoffice";
    /// <summary>What customers talk about (topics, trends, spike alerts): analysts, and admins who curate the topics.</summary>
    public const string Insights = "insights";
    /// <summary>Work on a case besides acting on it: internal notes and transfers (agents, and admins who route the work).</summary>
    public const string Casework = "casework";
    /// <summary>Anyone who holds a person's role: the overview, a case's view (agents work it, analysts drill down to it, admins look into it).</summary>
    public const string Staff = "staff";

    public static AuthorizationBuilder AddSocialCrmPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Agents, p => p.RequireRole(Roles.Agent))
        .AddPolicy(Analysts, p => p.RequireRole(Roles.Analyst))
        .AddPolicy(Admins, p => p.RequireRole(Roles.Admin))
        .AddPolicy(Staff, p => p.RequireRole(Roles.People))
        .AddPolicy(Casework, p => p.RequireRole(Roles.Agent, Roles.Admin))
        .AddPolicy(Insights, p => p.RequireRole(Roles.Analyst, Roles.Admin))
        .AddPolicy(BackOffice, p => p.RequireRole(Roles.Admin, Roles.BackOffice))
        // An endpoint that forgets its policy still needs a signed-in user (and the enumeration test names it).
        .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
}
