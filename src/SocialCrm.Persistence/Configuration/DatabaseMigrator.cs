using Microsoft.EntityFrameworkCore;

namespace SocialCrm.Persistence.Configuration;

/// <summary>Applies the hand-written migrations: at start-up and from the CLI's migrate command.</summary>
public sealed class DatabaseMigrator(CrmDbContext db)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0) await db.Database.MigrateAsync(ct);
        return pending;
    }
}
