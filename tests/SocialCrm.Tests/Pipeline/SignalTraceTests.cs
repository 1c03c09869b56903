using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Channels.Inbound;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Listen.Webhooks;
using SocialCrm.Stages.Messaging;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Pipeline;

/// <summary>
/// An operator looking at a slow case follows one trace from the call that took the signal in through all four stages.
/// The outbox stands between each stage and the next (written in one transaction, published later by the relay, in
/// another process perhaps), so the trace has to be carried across it, not only across the bus.
/// </summary>
[NonParallelizable]
public class SignalTraceTests
{
    [TestCase(BusOptions.InMemory)]
    [TestCase(BusOptions.RabbitMq)]
    public async Task One_trace_runs_from_the_intake_through_every_stage(string transport)
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MassTransit" or StageMetrics.MeterName or "tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var tests = new ActivitySource("tests");

        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        await using var host = await PipelineHost.CreateAsync(PipelineHost.Options(store.Options, transport, s => { s.AutoAgent = true; s.OutcomeWindowSeconds = 0; }));
        ActivityTraceId trace;
        using (var request = tests.StartActivity("POST /api/signals", ActivityKind.Server))
        {
            trace = request!.TraceId;
            await host.IngestAsync(Signals.Complaint());
        }
        // A second signal outside that trace must not join it.
        await host.IngestAsync(Signals.Complaint(handle: "someone_else"));
        await host.EventuallyAsync("both cases are measured", async db => await db.Cases.CountAsync(c => c.Status == CaseStatus.Measured) == 2, seconds: 60);

        var inTrace = spans.Where(s => s.TraceId == trace).ToList();
        var relayed = inTrace.Where(s => s.Source.Name == StageMetrics.MeterName).Select(s => s.GetTagItem("messaging.message.type") as string).ToHashSet();
        Assert.That(relayed, Is.SupersetOf(new[] { "SignalAccepted", "SignalCaptured", "CaseBriefPrepared", "CaseActed" }.Select(n => relayed.FirstOrDefault(r => r?.EndsWith(n) == true) ?? n)),
            "the relay's hand-over of each stage's message, in the intake's trace: " + string.Join(", ", relayed));
        var consumed = inTrace.Count(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer);
        Assert.That(consumed, Is.GreaterThanOrEqualTo(4), "a consume span per stage: " + string.Join(", ", inTrace.Select(s => s.DisplayName)));
        var otherRelays = spans.Count(s => s.Source.Name == StageMetrics.MeterName && s.TraceId != trace);
        Assert.That(otherRelays, Is.GreaterThanOrEqualTo(4), "the other signal's stages are in a trace of their own");
    }

    /// <summary>Webhook deliveries are written by a group commit on a loop of its own, which kept the trace of the first request for every signal after it.</summary>
    [Test]
    public async Task Each_webhook_delivery_starts_its_signals_trace_in_its_own_request()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is StageMetrics.MeterName or "tests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var tests = new ActivitySource("tests");
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        await using var host = await PipelineHost.CreateAsync(PipelineHost.Options(store.Options, BusOptions.InMemory));
        var committer = host.Services.GetRequiredService<DeliveryCommitter>();

        var traces = new List<ActivityTraceId>();
        for (var i = 0; i < 3; i++)
        {
            using var request = tests.StartActivity($"POST /webhooks/meta {i}", ActivityKind.Server)!;
            traces.Add(request.TraceId);
            await committer.CommitAsync([new InboundItem
            {
                Action = InboundAction.Add, Platform = "facebook", PostId = $"trace-{i}", AuthorHandle = $"customer{i}",
                Text = "Where is my order?", OccurredAt = DateTime.UtcNow,
            }], CancellationToken.None);
        }
        await host.EventuallyAsync("the three signals are captured", async db => await db.Cases.CountAsync() == 3, seconds: 60);
        var accepted = spans.Where(s => s.Source.Name == StageMetrics.MeterName && (s.GetTagItem("messaging.message.type") as string)?.EndsWith("SignalAccepted") == true).ToList();
        Assert.That(accepted.Select(s => s.TraceId), Is.EquivalentTo(traces), "each delivery's SignalAccepted in its own request's trace");
    }
}
