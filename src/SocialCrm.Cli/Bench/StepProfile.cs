using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using SocialCrm.Persistence.Diagnostics;
using SocialCrm.Stages.Messaging;
using SocialCrm.Workflows.Execution;

namespace SocialCrm.Cli.Bench;

/// <summary>
/// Counters per step while the bench runs: the group commit's steps, each handler and each workflow activity, from
/// the meters the product publishes, with the process's CPU time. Printed per signal, so the table says where a
/// signal's time goes.
/// </summary>
public sealed class StepProfile : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, (long Count, double Sum)> _totals = new();
    private readonly TimeSpan _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly Stopwatch _wall = Stopwatch.StartNew();
    private readonly long _allocatedAtStart = GC.GetTotalAllocatedBytes();
    private readonly TimeSpan _pausedAtStart = GC.GetTotalPauseDuration();

    public StepProfile()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name is StageMetrics.MeterName or WorkflowMetrics.MeterName or StoreCommandCounter.MeterName) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = instrument.Name.Replace("socialcrm.", "") + (tags.Length > 0 ? $" {tags[0].Value}" : "");
        _totals.AddOrUpdate(key, (1, value), (_, t) => (t.Count + 1, t.Sum + value));
    }

    public double CpuSeconds => (Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart).TotalSeconds;
    public double WallSeconds => _wall.Elapsed.TotalSeconds;
    public double AllocatedMb => (GC.GetTotalAllocatedBytes() - _allocatedAtStart) / 1e6;
    public double GcPauseSeconds => (GC.GetTotalPauseDuration() - _pausedAtStart).TotalSeconds;

    /// <summary>Each step: how often, mean, and total per signal (ms); sizes are means, not times.</summary>
    public IReadOnlyList<(string Step, long Count, double Mean, double PerSignal)> Rows(int signals) =>
        _totals.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => (t.Key, t.Value.Count, t.Value.Sum / t.Value.Count, t.Value.Sum / signals)).ToList();

    public void Dispose() => _listener.Dispose();
}
