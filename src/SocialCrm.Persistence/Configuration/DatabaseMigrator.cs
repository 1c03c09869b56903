using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SocialCrm.Persistence.Configuration;

/// <summary>Applies the provider's generated migrations: at start-up and from the CLI's migrate command.</summary>
public sealed class DatabaseMigrator(CrmDbContext db, ILogger<DatabaseMigrator>? logger = null)
{
    /// <summary>
    /// The migrations written by hand in the releases up to 2026-11-24. A store that has them all holds exactly the
    /// schema of each provider's first generated migration (a test builds one and upgrades it), so that migration is
    /// recorded as applied instead of run again.
    /// </summary>
    public static readonly IReadOnlyList<string> HandWritten =
        ["20261122000000_Initial", "20261122120000_TrainedModels", "20261123000000_BriefFeatures", "20261123120000_RepeatPurchases"];

    private readonly ILogger _log = logger ?? NullLogger<DatabaseMigrator>.Instance;

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        // WAL lets readers run beside the one writer; the mode is stored in the file.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await AdoptHandWrittenStoreAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0) await db.Database.MigrateAsync(ct);
        return pending;
    }

    /// <summary>
    /// Until disposed, no other process of the deployment passes this point. The processes of a cluster start together
    /// against one fresh database: one migrates and seeds while the others wait, then find nothing to do (without it two
    /// ran the same ALTER TABLE, or imported the same workflow version, and one died on the duplicate). On PostgreSQL a
    /// session advisory lock (key "SCRM" in ASCII) on a connection held open; SQLite has one writer process anyway.
    /// </summary>
    public async Task<IAsyncDisposable> StartupLockAsync(CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return new Release(() => Task.CompletedTask);
        await db.Database.OpenConnectionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(1396920909)", ct);
        return new Release(async () =>
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(1396920909)", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        });
    }

    private sealed class Release(Func<Task> release) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await release();
    }

    /// <summary>The DDL of every migration, from an empty store to the current model; no server is contacted.</summary>
    public string Script() => db.GetService<IMigrator>().GenerateScript();

    private async Task AdoptHandWrittenStoreAsync(CancellationToken ct)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToHashSet();
        var legacy = HandWritten.Where(applied.Contains).ToList();
        if (legacy.Count == 0) return;
        if (legacy.Count < HandWritten.Count)
            throw new InvalidOperationException(
                $"This store was made by a release older than 2026-11-23 and lacks the migrations {string.Join(", ", HandWritten.Except(legacy))}. " +
                "Open it once with the release of 2026-11-24 (it applies them), then with this one.");

        var baseline = db.Database.GetMigrations().First();
        var history = db.GetService<IHistoryRepository>();
        var sql = history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion()))
            + string.Concat(legacy.Select(history.GetDeleteScript));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync(sql, ct);
        await tx.CommitAsync(ct);
        _log.LogInformation("The store was made by the hand-written migrations of an earlier release; its schema is that of {Baseline}, now recorded as applied", baseline);
    }
}
