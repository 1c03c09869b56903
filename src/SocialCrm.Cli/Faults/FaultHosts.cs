using System.Globalization;

namespace SocialCrm.Cli.Faults;

/// <summary>
/// The processes one configuration of the fault suite runs: the web host with every stage inside (embedded, servers),
/// or on the cluster the web host as intake only (console, API, webhooks; no stages) with worker processes beside it,
/// each running its own set of stages on the shared queues and store.
/// </summary>
public sealed class FaultHosts : IAsyncDisposable
{
    private int _nextKill;

    public FaultHosts(IReadOnlyDictionary<string, string> settings, string logFolder, string configuration, IReadOnlyList<string> workerStages)
    {
        var cluster = configuration == FaultSettings.Cluster;
        Web = new HostProcess(cluster ? With(settings, "") : settings, LogFile(logFolder, configuration, "web"));
        Workers = cluster
            ? workerStages.Select((stages, i) => new HostProcess(With(settings, stages), LogFile(logFolder, configuration, $"worker{i + 1}"), HostProcess.Worker)).ToList()
            : [];
    }

    /// <summary>The intake: webhooks and the API (and, off the cluster, the stages too).</summary>
    public HostProcess Web { get; }

    public IReadOnlyList<HostProcess> Workers { get; }

    public IEnumerable<HostProcess> All => Workers.Prepend(Web);

    public string Describe() => Workers.Count == 0
        ? $"the web host; its log: {Web.LogFile}"
        : $"the web host (intake, no stages) and {Workers.Count} workers ({string.Join("; ", Workers.Select(w => w.Settings["SocialCrm:Stages"]))}); their logs: {Path.GetDirectoryName(Web.LogFile)}";

    public async Task StartAsync(CancellationToken ct)
    {
        // One after another: the first migrates and seeds the store, the others wait for it on the start-up lock.
        foreach (var host in All) await host.StartAsync(ct);
    }

    /// <summary>The process a "kill" takes down: the web host alone, or on the cluster each worker in turn.</summary>
    public HostProcess NextToKill() => Workers.Count == 0 ? Web : Workers[_nextKill++ % Workers.Count];

    /// <summary>
    /// Outbox rows the relays of all processes have published since they started (socialcrm.outbox.published on
    /// each one's /metrics): against the rows written, it says whether two relays ever published one row twice.
    /// </summary>
    public async Task<long> PublishedAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        long total = 0;
        foreach (var host in All)
        {
            var text = await http.GetStringAsync(new Uri(host.Address, "/metrics"), ct);
            total += text.Split('\n').Where(l => l.StartsWith("socialcrm_outbox_published", StringComparison.Ordinal))
                .Sum(SampleValue);
        }
        return total;
    }

    /// <summary>"name{labels} value [timestamp]": the value.</summary>
    private static long SampleValue(string line)
    {
        var afterName = line.Contains('}') ? line.LastIndexOf('}') + 1 : line.IndexOf(' ');
        return (long)double.Parse(line[afterName..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in All) await host.DisposeAsync();
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> settings, string stages) =>
        new(settings) { ["SocialCrm:Stages"] = stages };

    private static string LogFile(string folder, string configuration, string process) =>
        Path.Combine(folder, $"{configuration}-{process}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.log");
}
