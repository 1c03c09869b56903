using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Cli.Commands;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Simulation;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Messaging;

namespace SocialCrm.Cli.Bench;

/// <summary>One reading of the soak: how far it got, the process's memory, the store's size and its busiest tables.</summary>
public sealed record SoakSample(double Seconds, int Signals, long WorkingSetMb, long GcHeapMb, double StoreMb, double StoreBytesPerSignal,
    int Outbox, int Inbox, int Journal, int Instances);

/// <summary>
/// Drives signals through all four stages in slices and reads memory, store size and row counts after each: after
/// warm-up neither memory nor the store's bytes per signal may keep growing. Retention runs as in production but
/// with the window the caller gives (minutes rather than days), so pruning is part of what is measured.
/// </summary>
public static class SoakBench
{
    public static async Task<List<SoakSample>> RunAsync(SocialCrmOptions options, int signals, double retentionMinutes, Action<SoakSample> sampled, CancellationToken ct)
    {
        options.Workflow.AutoAgent = true;
        options.Workflow.OutcomeWindowSeconds = 0;
        options.Retention.MessageHours = retentionMinutes / 60;
        using var host = await CliHost.CreateAsync(options, ct: ct);
        await host.StartAsync(ct);
        var world = new SimulatedWorld(new SimulationOptions { Customers = 5_000, Seed = 11 });
        var retention = host.Services.GetRequiredService<MessageRetention>();
        var samples = new List<SoakSample>();
        var clock = Stopwatch.StartNew();
        var slice = Math.Clamp(signals / 20, 100, 10_000);
        for (var done = 0; done < signals;)
        {
            var next = Math.Min(slice, signals - done);
            await PipelineBench.DriveAsync(host, world, next, null, (_, _) => { }, ct);
            done += next;
            await retention.PruneAsync(ct);
            var sample = await SampleAsync(host.Services, options.Database, clock.Elapsed.TotalSeconds, done, ct);
            samples.Add(sample);
            sampled(sample);
        }
        await host.StopAsync(ct);
        return samples;
    }

    private static async Task<SoakSample> SampleAsync(IServiceProvider services, DatabaseOptions database, double seconds, int signals, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var bytes = await StoreBytesAsync(db, database, ct);
        using var process = Process.GetCurrentProcess();
        return new SoakSample(seconds, signals, process.WorkingSet64 >> 20, GC.GetTotalMemory(false) >> 20, bytes / 1048576.0, bytes / (double)signals,
            await db.OutboxMessages.CountAsync(ct), await db.InboxMessages.CountAsync(ct), await db.WorkflowJournal.CountAsync(ct), await db.WorkflowInstances.CountAsync(ct));
    }

    private static async Task<long> StoreBytesAsync(CrmDbContext db, DatabaseOptions database, CancellationToken ct)
    {
        if (DatabaseOptions.Canonical(database.Provider) == DatabaseOptions.Postgres)
            return await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(ct);
        var file = new SqliteConnectionStringBuilder(PersistenceServiceCollectionExtensions.ResolveSqlitePath(database.ConnectionString)).DataSource;
        return new[] { file, file + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
    }
}
