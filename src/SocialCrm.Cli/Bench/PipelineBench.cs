using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SocialCrm.Cli.Commands;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Simulation;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Listen.Ingest;

namespace SocialCrm.Cli.Bench;

public sealed record Latency(double P50Ms, double P95Ms, double P99Ms);

public sealed record PipelineResult(int Signals, double Seconds, double SignalsPerSecond, Latency Burst, double PacedRate, Latency Paced, int Measured, int Aggregated,
    IReadOnlyList<(string Step, long Count, double Mean, double PerSignal)> Steps, double CpuMsPerSignal, double GcPauseMsPerSignal, double AllocatedKbPerSignal);

/// <summary>
/// Drives signals through the ingestion path and all four stages (agents acting automatically, no outcome
/// window): first a burst, for throughput; then a paced run at 80% of that throughput, for latency at a load the
/// stages keep up with (under a burst, latency mostly measures the queue). Latency is ingest to brief, from the
/// stored timestamps.
/// </summary>
public static class PipelineBench
{
    public static async Task<PipelineResult> RunAsync(SocialCrmOptions options, int signals, int warmUp, Action<int, int> progress, CancellationToken ct)
    {
        options.Workflow.AutoAgent = true;
        options.Workflow.OutcomeWindowSeconds = 0;
        using var host = await CliHost.CreateAsync(options, ct: ct);
        await host.StartAsync(ct);
        var world = new SimulatedWorld(new SimulationOptions { Customers = 500, Seed = 7 });

        await DriveAsync(host, world, warmUp, null, (_, _) => { }, ct);
        var burstStart = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        IReadOnlyList<(string, long, double, double)> steps;
        double cpuMsPerSignal, gcMsPerSignal, allocatedKbPerSignal;
        using (var profile = new StepProfile())
        {
            await DriveAsync(host, world, signals, null, progress, ct);
            clock.Stop();
            steps = profile.Rows(signals);
            cpuMsPerSignal = profile.CpuSeconds * 1000 / signals;
            gcMsPerSignal = profile.GcPauseSeconds * 1000 / signals;
            allocatedKbPerSignal = profile.AllocatedMb * 1000 / signals;
        }
        var throughput = signals / clock.Elapsed.TotalSeconds;

        var pacedRate = throughput * 0.8;
        var pacedStart = DateTime.UtcNow;
        await DriveAsync(host, world, Math.Max(50, Math.Min(signals / 4, (int)(pacedRate * 10))), pacedRate, (_, _) => { }, ct);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var burst = await LatencyAsync(db, burstStart, pacedStart, ct);
        var paced = await LatencyAsync(db, pacedStart, DateTime.MaxValue, ct);
        // Nothing lost, nothing counted twice: every measured case is in the aggregates exactly once.
        var measured = await db.Cases.CountAsync(c => c.Status == CaseStatus.Measured, ct);
        var aggregated = await db.DailyAggregates.SumAsync(a => a.Cases, ct);
        await host.StopAsync(ct);
        return new PipelineResult(signals, clock.Elapsed.TotalSeconds, throughput, burst, pacedRate, paced, measured, aggregated, steps, cpuMsPerSignal, gcMsPerSignal, allocatedKbPerSignal);
    }

    private static async Task<Latency> LatencyAsync(CrmDbContext db, DateTime from, DateTime to, CancellationToken ct)
    {
        var sorted = (await db.Signals.AsNoTracking().Where(s => s.ReceivedAt >= from && s.ReceivedAt < to)
                .Join(db.Cases, s => s.Id, c => c.SignalId, (s, c) => new { s.ReceivedAt, c.Id })
                .Join(db.CaseBriefs, x => x.Id, b => b.CaseId, (x, b) => new { x.ReceivedAt, b.CreatedAt })
                .ToListAsync(ct))
            .Select(x => (x.CreatedAt - x.ReceivedAt).TotalMilliseconds).Order().ToArray();
        return new Latency(Percentile(sorted, 0.50), Percentile(sorted, 0.95), Percentile(sorted, 0.99));
    }

    /// <summary>Ingests count signals, as fast as eight producers can or at perSecond, and waits until all are measured.</summary>
    internal static async Task DriveAsync(IHost host, SimulatedWorld world, int count, double? perSecond, Action<int, int> progress, CancellationToken ct)
    {
        var measuredBefore = await MeasuredAsync(host, ct);
        var next = 0;
        var pace = Stopwatch.StartNew();
        // Eight producers, as eight webhook requests at once would.
        var producers = Enumerable.Range(0, 8).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) <= count)
            {
                if (perSecond is { } rate && TimeSpan.FromSeconds(n / rate) - pace.Elapsed is { TotalMilliseconds: > 0 } wait) await Task.Delay(wait, ct);
                await using var scope = host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IngestSignalHandler>().HandleAsync(world.NextSignal(DateTimeOffset.UtcNow), ct);
            }
        }).ToList();
        var deadline = DateTime.UtcNow.AddMinutes(15);
        while (true)
        {
            var measured = await MeasuredAsync(host, ct) - measuredBefore;
            progress(Math.Min(next, count), measured);
            if (measured >= count) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"only {measured} of {count} signals reached measure in 15 minutes");
            await Task.Delay(100, ct);
        }
        await Task.WhenAll(producers);
    }

    private static async Task<int> MeasuredAsync(IHost host, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Cases.CountAsync(c => c.Status == CaseStatus.Measured, ct);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
