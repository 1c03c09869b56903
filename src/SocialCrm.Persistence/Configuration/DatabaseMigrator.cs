using Microsoft.EntityFrameworkCore;

namespace SocialCrm.Persistence.Configuration;

/// <summary>Applies the hand-written migrations: at start-up and from the CLI's migrate command.</summary>
public sealed class DatabaseMigrator(CrmDbContext db)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        // WAL lets readers run beside the one writer; the mode is stored in the file.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0) await db.Database.MigrateAsync(ct);
        return pending;
    }
}
