using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Workplace;

namespace SocialCrm.Stages.Assignment;

/// <summary>Who counts as an agent a case can go to: a user who is not disabled and holds the agent role.</summary>
public static class ActiveAgents
{
    public static IQueryable<string> Names(CrmDbContext db) =>
        db.Users.Where(u => u.DisabledAt == null)
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Agent)))
            .Select(u => u.UserName!);

    public static Task<bool> IsAsync(CrmDbContext db, string userName, CancellationToken ct) => Names(db).AnyAsync(n => n == userName, ct);
}
