using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SocialCrm.Stages.Messaging;

/// <summary>The group commit's steps, timed: how big the batches are and where a batch's time goes.</summary>
public static class StageMetrics
{
    public const string MeterName = "SocialCrm.Stages";
    private static readonly Meter Meter = new(MeterName);

    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("socialcrm.commit.batch.size", "{item}", "Items committed in one transaction");
    public static readonly Histogram<double> Step = Meter.CreateHistogram<double>("socialcrm.commit.step.duration", "ms", "Time of one step of a group commit");
    public static readonly Histogram<double> Handled = Meter.CreateHistogram<double>("socialcrm.stage.handle.duration", "ms", "Time one message's handler took, by handler");
    public static readonly Counter<long> Failed = Meter.CreateCounter<long>("socialcrm.stage.failures", "{message}", "Messages whose handler failed, by handler");

    public static readonly Counter<long> OutboxPublished = Meter.CreateCounter<long>("socialcrm.outbox.published", "{message}", "Outbox rows this process's relay published");

    public static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>("socialcrm.webhook.deliveries", "{delivery}",
        "Webhook deliveries by platform (meta, x, or the generic source) and result: stored, unsigned (refused, 401), invalid (400), unavailable (the store was out of reach, 503)");

    public static void CountDelivery(string platform, string result) =>
        WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("platform", platform.ToLowerInvariant()), new KeyValuePair<string, object?>("result", result));

    /// <summary>The relay's hand-over from the outbox to the bus, in the trace of the work that wrote the row.</summary>
    public static readonly ActivitySource Tracing = new(MeterName);

    public static void RecordStep(string step, long since) => Step.Record(Stopwatch.GetElapsedTime(since).TotalMilliseconds, new KeyValuePair<string, object?>("step", step));
}

/// <summary>Carrying a caller's trace onto work done for it on another task (the group commits' loops).</summary>
public static class StageTraces
{
    /// <summary>
    /// The caller's activity if it still runs, else none: Activity.Current refuses a stopped one and would keep the
    /// previous item's (a caller that gave up has ended its span), and that item's trace would take this one's rows.
    /// </summary>
    public static Activity? Running(Activity? activity)
    {
        Activity.Current = null;
        return activity is { IsStopped: false } ? activity : null;
    }
}
