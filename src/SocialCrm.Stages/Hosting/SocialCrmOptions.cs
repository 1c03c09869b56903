using SocialCrm.Channels;
using SocialCrm.Stages.Models;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Settings;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Stages.Hosting;

/// <summary>Everything a SocialCrm process is configured with (section "SocialCrm"); the defaults run embedded.</summary>
public sealed class SocialCrmOptions
{
    public const string Section = "SocialCrm";

    public DatabaseOptions Database { get; set; } = new();
    public BusOptions Bus { get; set; } = new();
    public WorkflowSettings Workflow { get; set; } = new();
    /// <summary>The admins' settings a new store starts with (version 1); after that they are edited in the studio.</summary>
    public CrmSettings Settings { get; set; } = new();
    public ModelSettings Models { get; set; } = new();
    public ChannelOptions Channels { get; set; } = new();
    public RetentionOptions Retention { get; set; } = new();
    public Insights.InsightsOptions Insights { get; set; } = new();
    public Assignment.AssignmentOptions Assignment { get; set; } = new();

    /// <summary>Where the stage workflow definitions are imported from on start-up.</summary>
    public string WorkflowsFolder { get; set; } = Path.Combine(AppContext.BaseDirectory, "workflows");

    /// <summary>Which stages this process runs, comma-separated (scale-out: several workers, each with any subset).</summary>
    public string Stages { get; set; } = string.Join(",", StageWorkflows.All);

    public bool Runs(string stage) => Stages.Split(',', StringSplitOptions.TrimEntries).Contains(stage, StringComparer.OrdinalIgnoreCase);
}

public sealed class BusOptions
{
    public const string InMemory = "inmemory", RabbitMq = "rabbitmq";

    /// <summary>inmemory (one process does everything) or rabbitmq.</summary>
    public string Transport { get; set; } = InMemory;

    public string RabbitMqUri { get; set; } = "amqp://guest:guest@localhost:5672/";

    /// <summary>
    /// The nodes of a RabbitMQ cluster, "host:port" comma-separated: the connection goes to the first that answers
    /// and moves to another when its node goes down. Empty: the host of RabbitMqUri alone.
    /// </summary>
    public string RabbitMqNodes { get; set; } = "";

    public const string Classic = "classic", Quorum = "quorum";

    /// <summary>
    /// classic (one broker) or quorum: each stage queue replicated on a majority of a cluster's nodes, so a message
    /// the broker has confirmed survives the loss of any one node.
    /// </summary>
    public string QueueType { get; set; } = Classic;

    /// <summary>
    /// Messages taken at once per stage queue. They wait together for the group commit, so this bounds its batches
    /// as much as BatchSize does.
    /// </summary>
    public int ConcurrentMessageLimit { get; set; } = 32;

    /// <summary>At most this many stage messages (and signal API calls) are committed in one transaction.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Put before every queue name: several deployments (or test runs) can share one broker.</summary>
    public string QueuePrefix { get; set; } = "";

    /// <summary>Queues that disappear with the process (tests); production queues are durable.</summary>
    public bool TemporaryQueues { get; set; }

    /// <summary>Delays between retries before a message is parked as failed.</summary>
    public int[] RetryIntervalsMs { get; set; } = [50, 200, 1000, 3000];

    /// <summary>How long a message waits for a store that is out of reach (a restart, a failover) before it is parked as failed.</summary>
    public int OutageRetrySeconds { get; set; } = 120;

    /// <summary>Doubling from half a second, at most 15 s apart, until OutageRetrySeconds are covered.</summary>
    public TimeSpan[] OutageRetryIntervals()
    {
        var intervals = new List<TimeSpan>();
        for (var (next, total) = (TimeSpan.FromMilliseconds(500), TimeSpan.Zero); total < TimeSpan.FromSeconds(OutageRetrySeconds); next = TimeSpan.FromTicks(Math.Min(next.Ticks * 2, TimeSpan.FromSeconds(15).Ticks)))
        {
            intervals.Add(next);
            total += next;
        }
        return [.. intervals];
    }
}

/// <summary>How long the messaging bookkeeping is kept once it has done its job (section SocialCrm:Retention).</summary>
public sealed class RetentionOptions
{
    /// <summary>
    /// Outbox rows delivered and handled (or parked), and the inbox rows that keep a redelivery from acting twice, are
    /// deleted this many hours after they were handled. Customer history, cases and workflow journals are never pruned.
    /// 0 keeps them for ever.
    /// </summary>
    public double MessageHours { get; set; } = 72;
}
