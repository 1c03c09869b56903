using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Cli.Commands;
using SocialCrm.Contracts.Listen;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Persistence.Messaging;
using SocialCrm.Stages.Hosting;

namespace SocialCrm.Cli.Faults;

/// <summary>How the suite is run: the size, which configuration, and how the servers are restarted.</summary>
public sealed record FaultSettings
{
    public const string Embedded = "embedded", Servers = "servers", Cluster = "cluster";
    public static readonly string[] Configurations = [Embedded, Servers, Cluster];
    public static readonly string[] AllFaults = ["kill", "relay-kill", "broker-restart", "database-restart", "poison", "duplicates"];

    /// <summary>Three kills need room between them.</summary>
    public const int MinimumSignals = 20;

    public int Signals { get; init; } = 500;
    public IReadOnlyList<string> Faults { get; init; } = AllFaults;
    public string PostgresAdmin { get; init; } = GlobalOptions.LocalPostgres;
    public string RabbitMqUri { get; init; } = "amqp://guest:guest@localhost:5672/";
    /// <summary>Shell commands that take the broker, or the database server, down for a while and bring it back.</summary>
    public string RestartBroker { get; init; } = $"bash {Deploy("servers.sh")} restart-rabbitmq 10";
    public string RestartDatabase { get; init; } = $"bash {Deploy("servers.sh")} restart-postgres 10";

    /// <summary>The cluster of deploy/cluster.sh: its first node (the one the processes connect to first), all its nodes, and the command that stops one node for a while.</summary>
    public string ClusterRabbitMqUri { get; init; } = "amqp://guest:guest@127.0.0.1:5681/";
    public string ClusterNodes { get; init; } = "127.0.0.1:5681,127.0.0.1:5682,127.0.0.1:5683";
    public string StopClusterNode { get; init; } = $"bash {Deploy("cluster.sh")} stop-node 1 10";

    /// <summary>The cluster's workers beside the web host, by the stages each runs: every stage in two processes, in different company.</summary>
    public IReadOnlyList<string> ClusterWorkers { get; init; } = ["listen,analyse", "act,measure", "listen,analyse,act,measure"];
    /// <summary>How long the pipeline may make no progress before what is missing counts as lost.</summary>
    public TimeSpan Stall { get; init; } = TimeSpan.FromSeconds(150);
    public string LogFolder { get; init; } = Path.Combine(Path.GetTempPath(), "socialcrm-faults");

    /// <summary>
    /// A script of the checkout's deploy folder, found above the working directory or above this build, so the
    /// suite run from elsewhere (a copy of the build, another folder) still restarts the servers.
    /// </summary>
    public static string Deploy(string script)
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "deploy", script))) return $"'{Path.Combine(folder.FullName, "deploy", script)}'";
        return Path.Combine("deploy", script);
    }
}

/// <summary>
/// Drives posts through the whole pipeline on one configuration (embedded: SQLite and the in-memory bus; servers:
/// PostgreSQL and RabbitMQ), with the web host as a separate process and agents acting automatically, and injects one
/// fault per round: host kill -9 three times under a burst, the host killed while the outbox relay is publishing, a
/// broker restart, a database restart (on SQLite: the file locked by another process for 10 s), a poison message,
/// every delivery made three times at once. Each round then waits for the pipeline to settle and counts.
/// </summary>
public sealed class FaultSuite(string configuration, FaultSettings settings, Action<string> say)
{
    private readonly string _secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private const string Source = "faults";

    public static bool Applies(string configuration, string fault) => fault != "broker-restart" || configuration != FaultSettings.Embedded;

    public async Task<List<FaultResult>> RunAsync(CancellationToken ct)
    {
        var (servers, cluster) = (configuration != FaultSettings.Embedded, configuration == FaultSettings.Cluster);
        await using var store = await FreshStore.CreateAsync(servers
            ? new DatabaseOptions { Provider = DatabaseOptions.Postgres, ConnectionString = settings.PostgresAdmin }
            : new DatabaseOptions { Provider = DatabaseOptions.Sqlite }, useDefault: true);
        Directory.CreateDirectory(settings.LogFolder);
        var host = new Dictionary<string, string>
        {
            ["SocialCrm:Database:Provider"] = store.Options.Provider,
            ["SocialCrm:Database:ConnectionString"] = store.Options.ConnectionString,
            ["SocialCrm:Bus:Transport"] = servers ? BusOptions.RabbitMq : BusOptions.InMemory,
            ["SocialCrm:Bus:RabbitMqUri"] = cluster ? settings.ClusterRabbitMqUri : settings.RabbitMqUri,
            ["SocialCrm:Bus:QueuePrefix"] = $"faults-{Guid.NewGuid():N}"[..15] + "-",
            ["SocialCrm:Simulation:Enabled"] = "false",
            ["SocialCrm:Workflow:AutoAgent"] = "true",
            ["SocialCrm:Workflow:OutcomeWindowSeconds"] = "2",
            [$"SocialCrm:Channels:Generic:{Source}:Secret"] = _secret,
        };
        if (cluster)
        {
            host["SocialCrm:Bus:RabbitMqNodes"] = settings.ClusterNodes;
            host["SocialCrm:Bus:QueueType"] = BusOptions.Quorum;
            host["SocialCrm:Telemetry:Prometheus"] = "true";
        }
        await using var hosts = new FaultHosts(host, settings.LogFolder, configuration, settings.ClusterWorkers);
        say($"{configuration}: starting {hosts.Describe()} ({store.Options.Provider}, {host["SocialCrm:Bus:Transport"]}{(cluster ? $" on {settings.ClusterNodes}, quorum queues" : "")})");
        await hosts.StartAsync(ct);

        var services = new ServiceCollection().AddCrmPersistence(store.Options).BuildServiceProvider();
        await using var _ = services;
        var results = new List<FaultResult>();
        foreach (var fault in settings.Faults.Where(f => Applies(configuration, f)))
        {
            var prefix = $"{fault}-{Guid.NewGuid():N}"[..(fault.Length + 9)];
            var (clock, started) = (Stopwatch.StartNew(), DateTime.UtcNow);
            var load = new SignalLoad(hosts.Web.Address, Source, _secret, prefix, settings.Signals, copies: fault == "duplicates" ? 3 : 1);
            say($"{configuration} / {fault}: {settings.Signals} posts");
            var kills = hosts.All.Sum(h => h.Kills);
            var publishedBefore = cluster ? await hosts.PublishedAsync(ct) : 0;
            var running = load.RunAsync(ct);
            var note = await InjectAsync(fault, load, running, hosts, store.Options, services, ct);
            await running;
            var expectedParked = fault == "poison" ? 2 : 0;
            await SettleAsync(services, prefix, started, load.Accepted.Count, expectedParked, ct);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var (measured, lost, duplicated) = await PipelineTally.CountAsync(db, prefix, load.Accepted, ct);
            var parked = await db.FailedMessages.CountAsync(m => m.FailedAt >= started, ct);
            // A park the fault should not cause says why: the first line of the first such error.
            var unexpected = parked > expectedParked
                ? await db.FailedMessages.Where(m => m.FailedAt >= started).OrderBy(m => m.FailedAt).Select(m => m.Error).FirstAsync(ct)
                : null;
            // The relays' count, where no process restarted (a restart zeroes its counter): rows published more than once.
            var republished = cluster && hosts.All.Sum(h => h.Kills) == kills
                ? await hosts.PublishedAsync(ct) - publishedBefore - await db.OutboxMessages.CountAsync(m => m.CreatedAt >= started, ct)
                : (long?)null;
            var result = new FaultResult(configuration, fault, load.Accepted.Count, measured, lost, duplicated, parked, expectedParked, clock.Elapsed.TotalSeconds,
                $"{note}{(republished is { } r ? $"; outbox rows published twice: {r}" : "")}{(load.Retried > 0 ? $"; {load.Retried} deliveries made again" : "")}{(unexpected is null ? "" : $"; first parked: {unexpected.Split('\n')[0]}")}", republished);
            say($"{configuration} / {fault}: accepted {result.Accepted}, measured {result.Measured}, lost {result.Lost}, duplicated {result.Duplicated}, parked {parked} ({result.Note})");
            results.Add(result);
        }
        return results;
    }

    private async Task<string> InjectAsync(string fault, SignalLoad load, Task running, FaultHosts hosts, DatabaseOptions store, IServiceProvider services, CancellationToken ct)
    {
        var process = hosts.Web;
        switch (fault)
        {
            case "kill":
                foreach (var share in new[] { 0.25, 0.5, 0.75 })
                {
                    await UntilAsync(() => load.Accepted.Count >= load.Count * share || running.IsCompleted, ct);
                    var victim = hosts.NextToKill();
                    victim.Kill();
                    await victim.StartAsync(ct);
                }
                return $"{(hosts.Workers.Count > 0 ? "a worker" : "host")} killed 3 times (at {load.Count / 4}, {load.Count / 2}, {load.Count * 3 / 4} posts accepted)";
            case "relay-kill":
            {
                // Killed the moment the relay has published part of what is waiting and not the rest.
                var (sent, pending) = (0, 0);
                await UntilAsync(async () =>
                {
                    await using var scope = services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
                    sent = await db.OutboxMessages.CountAsync(m => m.SentAt != null, ct);
                    pending = await db.OutboxMessages.CountAsync(m => m.SentAt == null, ct);
                    return (pending > 0 && sent > 0 && load.Accepted.Count >= load.Count / 3) || running.IsCompleted;
                }, ct, TimeSpan.FromMilliseconds(5));
                process.Kill();
                await process.StartAsync(ct);
                return $"host killed with {pending} outbox rows waiting for the relay";
            }
            case "broker-restart":
                await UntilAsync(() => load.Accepted.Count >= load.Count / 3 || running.IsCompleted, ct);
                if (hosts.Workers.Count > 0)
                {
                    await ShellAsync(settings.StopClusterNode, ct);
                    return "the first RabbitMQ node (where every process connected first) stopped for 10 s and started";
                }
                await ShellAsync(settings.RestartBroker, ct);
                return "broker stopped for 10 s and started";
            case "database-restart":
                await UntilAsync(() => load.Accepted.Count >= load.Count / 3 || running.IsCompleted, ct);
                if (store.Provider == DatabaseOptions.Postgres)
                {
                    await ShellAsync(settings.RestartDatabase, ct);
                    return "database server stopped for 10 s and started";
                }
                await LockSqliteAsync(store, TimeSpan.FromSeconds(10), ct);
                return "database file locked by another process for 10 s";
            case "poison":
            {
                await UntilAsync(() => load.Accepted.Count >= load.Count / 3 || running.IsCompleted, ct);
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
                var ghost = new SignalCaptured(Guid.NewGuid(), Guid.NewGuid(), "x", "en", "negative", -0.8, "complaint", DateTimeOffset.UtcNow);
                db.OutboxMessages.AddRange(
                    new OutboxMessage { MessageType = typeof(SignalCaptured).FullName!, Body = JsonSerializer.Serialize(ghost, JsonSerializerOptions.Web), CreatedAt = DateTime.UtcNow },
                    new OutboxMessage { MessageType = typeof(SignalAccepted).FullName!, Body = """{"signalId": 42}""", CreatedAt = DateTime.UtcNow });
                await db.SaveChangesAsync(ct);
                return "a message about a signal and customer that do not exist, and one that cannot be read";
            }
            case "duplicates":
                return "every delivery made 3 times at once";
            default:
                throw new ArgumentException($"unknown fault '{fault}' (faults: {string.Join(", ", FaultSettings.AllFaults)})");
        }
    }

    /// <summary>Waits until every accepted post is measured, the outbox is empty and the poison parked, or nothing has moved for the stall time.</summary>
    private async Task SettleAsync(IServiceProvider services, string prefix, DateTime since, int accepted, int parked, CancellationToken ct)
    {
        var last = (-1, -1, -1);
        var moved = Stopwatch.StartNew();
        while (moved.Elapsed < settings.Stall)
        {
            (int Measured, int Pending, int Parked) now;
            try
            {
                await using var scope = services.CreateAsyncScope();
                now = await PipelineTally.ProgressAsync(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), prefix, since, ct);
            }
            catch (Exception e) when (StoreFailures.IsTransient(e))
            {
                await Task.Delay(1000, ct);
                continue;
            }
            if (now.Measured >= accepted && now.Pending == 0 && now.Parked >= parked) return;
            if (now != last) (last, moved) = (now, Stopwatch.StartNew());
            await Task.Delay(500, ct);
        }
    }

    private static async Task UntilAsync(Func<bool> condition, CancellationToken ct)
    {
        while (!condition()) await Task.Delay(20, ct);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, CancellationToken ct, TimeSpan every)
    {
        while (!await condition()) await Task.Delay(every, ct);
    }

    /// <summary>Holds the SQLite file with BEGIN EXCLUSIVE from another connection for a while: the embedded store "down".</summary>
    public static async Task LockSqliteAsync(DatabaseOptions store, TimeSpan hold, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(PersistenceServiceCollectionExtensions.ResolveSqlitePath(store.ConnectionString));
        await connection.OpenAsync(ct);
        await using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            begin.CommandTimeout = 60;
            await begin.ExecuteNonQueryAsync(ct);
        }
        await Task.Delay(hold, ct);
        await using var rollback = connection.CreateCommand();
        rollback.CommandText = "ROLLBACK";
        await rollback.ExecuteNonQueryAsync(ct);
    }

    private static async Task ShellAsync(string command, CancellationToken ct)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(ct) + await process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0) throw new InvalidOperationException($"'{command}' failed ({process.ExitCode}): {output.Trim()}");
    }
}
