using System.Diagnostics;
using SocialCrm.Cli.Commands;
using SocialCrm.Cli.Faults;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Simulation;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Cli.Bench;

public sealed record ClusterBenchResult(int Workers, int Signals, double Seconds, double SignalsPerSecond, double CpuSecondsPerSignalWorkers, long WorkerMemoryMb);

/// <summary>
/// Throughput with 1, 2, 4 … worker processes: this process is the intake (signals ingested as the API and webhooks do,
/// no stages), and the workers beside it each run all four stages on the shared RabbitMQ queues and PostgreSQL store.
/// A fresh store and fresh queues for each count, a warm-up, then a burst until every signal is measured.
/// </summary>
public static class ClusterBench
{
    public static async Task<ClusterBenchResult> RunAsync(SocialCrmOptions template, int workers, int signals, string logFolder, CancellationToken ct)
    {
        await using var store = await FreshStore.CreateAsync(template.Database, useDefault: false);
        var options = new SocialCrmOptions
        {
            Database = store.Options,
            Bus = new BusOptions
            {
                Transport = template.Bus.Transport, RabbitMqUri = template.Bus.RabbitMqUri, RabbitMqNodes = template.Bus.RabbitMqNodes,
                QueueType = template.Bus.QueueType, BatchSize = template.Bus.BatchSize, ConcurrentMessageLimit = template.Bus.ConcurrentMessageLimit,
            },
            Stages = "",
        };
        options.Bus.QueuePrefix = $"bench-{Guid.NewGuid():N}"[..14] + "-";
        options.Bus.TemporaryQueues = false; // a quorum queue cannot be temporary; the queues are deleted below
        options.Workflow.AutoAgent = true;
        options.Workflow.OutcomeWindowSeconds = 0;
        var settings = new Dictionary<string, string>
        {
            ["SocialCrm:Database:Provider"] = store.Options.Provider,
            ["SocialCrm:Database:ConnectionString"] = store.Options.ConnectionString,
            ["SocialCrm:Bus:Transport"] = BusOptions.RabbitMq,
            ["SocialCrm:Bus:RabbitMqUri"] = options.Bus.RabbitMqUri,
            ["SocialCrm:Bus:RabbitMqNodes"] = options.Bus.RabbitMqNodes,
            ["SocialCrm:Bus:QueueType"] = options.Bus.QueueType,
            ["SocialCrm:Bus:QueuePrefix"] = options.Bus.QueuePrefix,
            ["SocialCrm:Workflow:AutoAgent"] = "true",
            ["SocialCrm:Workflow:OutcomeWindowSeconds"] = "0",
            ["SocialCrm:Stages"] = string.Join(",", StageWorkflows.All),
        };
        Directory.CreateDirectory(logFolder);
        var processes = Enumerable.Range(1, workers)
            .Select(i => new HostProcess(settings, Path.Combine(logFolder, $"bench-worker{i}-of-{workers}-{DateTime.UtcNow:HHmmss}.log"), HostProcess.Worker)).ToList();
        try
        {
            using var intake = await CliHost.CreateAsync(options, ct: ct);
            await intake.StartAsync(ct);
            foreach (var process in processes) await process.StartAsync(ct);
            var world = new SimulatedWorld(new SimulationOptions { Customers = 500, Seed = 7 });
            await PipelineBench.DriveAsync(intake, world, Math.Min(100, signals), null, (_, _) => { }, ct);

            var cpuBefore = processes.Sum(p => p.CpuTime.TotalSeconds);
            var clock = Stopwatch.StartNew();
            await PipelineBench.DriveAsync(intake, world, signals, null, (_, _) => { }, ct);
            clock.Stop();
            var cpu = processes.Sum(p => p.CpuTime.TotalSeconds) - cpuBefore;
            var memory = processes.Max(p => p.WorkingSetMb);
            await intake.StopAsync(ct);
            return new ClusterBenchResult(workers, signals, clock.Elapsed.TotalSeconds, signals / clock.Elapsed.TotalSeconds, cpu / signals, memory);
        }
        finally
        {
            foreach (var process in processes) await process.DisposeAsync();
            await BrokerQueues.DeleteAsync(options.Bus, StageWorkflows.All.Select(s => options.Bus.QueuePrefix + s));
        }
    }
}
