using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Contracts.Listen;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Act.RecordAction;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Measure.Reports;
using SocialCrm.Stages.Messaging;
using SocialCrm.Stages.Workflows;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Pipeline;

/// <summary>Signals through listen, analyse, act and measure on a real bus and store: embedded, and RabbitMQ + PostgreSQL.</summary>
[TestFixture(BusOptions.InMemory, DatabaseOptions.Sqlite)]
[TestFixture(BusOptions.RabbitMq, DatabaseOptions.Postgres)]
public class PipelineTests(string transport, string provider)
{
    private TestStore? _store;
    private readonly List<PipelineHost> _hosts = [];

    [SetUp]
    public async Task SetUp()
    {
        if (transport == BusOptions.RabbitMq) TestServers.RequireRabbitMq();
        _store = await TestStore.CreateAsync(provider);
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        _hosts.Clear();
        // Null when SetUp skipped the test because a server is absent.
        if (_store is not null) await _store.DisposeAsync();
    }

    private async Task<PipelineHost> StartAsync(Action<WorkflowSettings>? settings = null, bool start = true)
    {
        var host = await PipelineHost.CreateAsync(PipelineHost.Options(_store!.Options, transport, settings), start);
        _hosts.Add(host);
        return host;
    }

    private static Task<Guid> CaseOfAsync(PipelineHost host, Guid signalId) => host.QueryAsync(db => db.Cases.Where(c => c.SignalId == signalId).Select(c => c.Id).SingleAsync());

    [Test]
    public async Task A_signal_becomes_a_brief_the_agent_replies_and_measure_counts_it()
    {
        var host = await StartAsync();
        var ingested = await host.IngestAsync(Signals.Complaint());
        Assert.That(ingested.Duplicate, Is.False);

        await host.EventuallyAsync("the case waits for an agent", db => db.Cases.AnyAsync(c => c.SignalId == ingested.SignalId && c.Status == CaseStatus.AwaitingAgent));
        var caseId = await CaseOfAsync(host, ingested.SignalId);
        var brief = await host.QueryAsync(db => db.CaseBriefs.SingleAsync(b => b.CaseId == caseId));
        Assert.Multiple(() =>
        {
            Assert.That(brief.Intent, Is.EqualTo("complaint"));
            Assert.That(brief.Sentiment, Is.EqualTo("negative"));
            Assert.That(brief.DraftReply, Does.StartWith("Hi Jane Doe"));
            Assert.That(System.Text.Json.Nodes.JsonNode.Parse(brief.ReasonsJson)!.AsArray().Select(r => r!["reason"]!.GetValue<string>()),
                Does.Contain("negative: 'disappointed'").And.Contain("complaint: 'never answered'"));
        });

        var action = await host.WithScopeAsync(sp => sp.GetRequiredService<RecordAgentActionHandler>().HandleAsync(caseId,
            new AgentActionInput { Agent = "alice", Action = "reply", ReplyKind = "personalised", Text = "So sorry Jane, I'm on it personally." }, CancellationToken.None));
        Assert.That(action.Status, Is.EqualTo(RecordActionStatus.Accepted));

        await host.EventuallyAsync("the sandbox sender sent the reply", db => db.OutgoingMessages.AnyAsync(m => m.CaseId == caseId && m.Kind == OutgoingKinds.Reply));
        var reply = await host.QueryAsync(db => db.OutgoingMessages.SingleAsync(m => m.CaseId == caseId && m.Kind == OutgoingKinds.Reply));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Text, Is.EqualTo("So sorry Jane, I'm on it personally."));
            Assert.That(reply.Recipient, Is.EqualTo("jane_doe"));
            Assert.That(reply.Sender, Is.EqualTo("sandbox"));
        });

        // While the measure stage waits, the back office reports that the customer bought again (their lifetime
        // revenue grows by 120 €), and the customer answers our reply: the outcomes the measure stage waits for.
        await host.EventuallyAsync("the measure stage waits for outcomes", db => db.WorkflowInstances.AnyAsync(w =>
            w.DefinitionId == StageWorkflows.Measure && w.CorrelationId == caseId.ToString() && w.CurrentActivityId == "wait"));
        var customerId = await host.QueryAsync(db => db.Cases.Where(c => c.Id == caseId).Select(c => c.CustomerId).SingleAsync());
        await host.QueryAsync(db => db.Customers.Where(c => c.Id == customerId).ExecuteUpdateAsync(u => u.SetProperty(c => c.LifetimeRevenue, c => c.LifetimeRevenue + 120)));
        await host.IngestAsync(Signals.FollowUp(reply.PlatformMessageId));
        await host.EventuallyAsync("the case is measured", db => db.CaseMetrics.AnyAsync(m => m.CaseId == caseId));
        var metrics = await host.QueryAsync(db => db.CaseMetrics.SingleAsync(m => m.CaseId == caseId));
        Assert.Multiple(() =>
        {
            Assert.That(metrics.Outcome, Is.EqualTo("complete"));
            Assert.That(metrics.ReplyKind, Is.EqualTo("personalised"));
            Assert.That(metrics.SentimentBefore, Is.LessThan(0));
            Assert.That(metrics.SentimentAfter, Is.GreaterThan(0));
            Assert.That(metrics.StatusBefore, Is.EqualTo(0));
            Assert.That(metrics.StatusAfter, Is.EqualTo(1), "a stranger answered well becomes an acquaintance");
            Assert.That(metrics.FirstResponseSeconds, Is.GreaterThan(0));
            Assert.That(metrics.PurchaseAmount, Is.EqualTo(120), "bought again within the outcome window");
        });

        var report = await host.WithScopeAsync(sp => sp.GetRequiredService<ReportQueries>().ReportAsync(null, null, CancellationToken.None));
        var personalised = report.ByReplyKind.Single(r => r.ReplyKind == "personalised");
        Assert.Multiple(() =>
        {
            Assert.That(personalised.Replied, Is.EqualTo(1));
            Assert.That(personalised.FollowUpRate, Is.EqualTo(1));
            Assert.That(personalised.StatusUpgrades, Is.EqualTo(1));
            Assert.That(personalised.RepeatPurchaseRate, Is.EqualTo(1));
            Assert.That(personalised.PurchaseRevenue, Is.EqualTo(120));
        });
        var stages = await host.QueryAsync(db => db.Interactions.Where(i => i.CaseId == caseId || i.SignalId == ingested.SignalId).Select(i => i.Stage).Distinct().ToListAsync());
        Assert.That(stages, Is.EquivalentTo(new[] { "listen", "analyse", "act", "measure" }));
    }

    [Test]
    public async Task Without_outcomes_the_window_closes_and_the_case_is_still_measured()
    {
        var host = await StartAsync(s => { s.AutoAgent = true; s.OutcomeWindowSeconds = 1; });
        var ingested = await host.IngestAsync(Signals.Complaint());
        await host.EventuallyAsync("the case is measured", db => db.Cases.AnyAsync(c => c.SignalId == ingested.SignalId && c.Status == CaseStatus.Measured));
        var caseId = await CaseOfAsync(host, ingested.SignalId);
        var metrics = await host.QueryAsync(db => db.CaseMetrics.SingleAsync(m => m.CaseId == caseId));
        Assert.That(metrics.Outcome, Is.EqualTo("timed_out"));
        Assert.That(metrics.SentimentAfter, Is.Null);
    }

    [Test]
    public async Task The_same_platform_post_twice_is_one_signal()
    {
        var host = await StartAsync(s => { s.AutoAgent = true; s.OutcomeWindowSeconds = 1; });
        var first = await host.IngestAsync(Signals.Complaint(postId: "dup-1"));
        var second = await host.IngestAsync(Signals.Complaint(postId: "dup-1"));
        Assert.That(second, Is.EqualTo(first with { Duplicate = true }));
        await host.EventuallyAsync("the case is measured", db => db.Cases.AnyAsync(c => c.SignalId == first.SignalId && c.Status == CaseStatus.Measured));
        Assert.That(await host.QueryAsync(db => db.Signals.CountAsync()), Is.EqualTo(1));
        Assert.That(await host.QueryAsync(db => db.Cases.CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_message_delivered_twice_has_one_effect()
    {
        var host = await StartAsync();
        var ingested = await host.IngestAsync(Signals.Complaint());
        await host.EventuallyAsync("the case waits for an agent", db => db.Cases.AnyAsync(c => c.SignalId == ingested.SignalId && c.Status == CaseStatus.AwaitingAgent));
        var relayedId = await host.QueryAsync(db => db.OutboxMessages.Where(m => m.MessageType == typeof(SignalAccepted).FullName).Select(m => m.Id).SingleAsync());

        // A redelivery (same MessageId) and a replay (new MessageId) of the same SignalAccepted.
        var bus = host.Services.GetRequiredService<IBus>();
        var replayId = Guid.NewGuid();
        await bus.Publish(new SignalAccepted(ingested.SignalId, DateTimeOffset.UtcNow), c => c.MessageId = relayedId);
        await bus.Publish(new SignalAccepted(ingested.SignalId, DateTimeOffset.UtcNow), c => c.MessageId = replayId);
        await host.EventuallyAsync("the replay was handled", db => db.InboxMessages.AnyAsync(m => m.MessageId == replayId));
        await Task.Delay(500);

        Assert.Multiple(async () =>
        {
            Assert.That(await host.QueryAsync(db => db.InboxMessages.CountAsync(m => m.MessageId == relayedId)), Is.EqualTo(1));
            Assert.That(await host.QueryAsync(db => db.Cases.CountAsync()), Is.EqualTo(1));
            Assert.That(await host.QueryAsync(db => db.Interactions.CountAsync(i => i.Kind == "signal_captured")), Is.EqualTo(1));
            Assert.That(await host.QueryAsync(db => db.WorkflowInstances.CountAsync(i => i.DefinitionId == StageWorkflows.Analyse)), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Concurrent_cases_are_each_counted_once_in_the_aggregates()
    {
        var host = await StartAsync(s => { s.AutoAgent = true; s.OutcomeWindowSeconds = 0; });
        const int signals = 40;
        await Task.WhenAll(Enumerable.Range(0, signals).Select(i => host.IngestAsync(Signals.Complaint(handle: $"customer{i % 7}"))));
        await host.EventuallyAsync($"{signals} cases measured", async db => await db.Cases.CountAsync(c => c.Status == CaseStatus.Measured) == signals, seconds: 60);
        var counted = await host.QueryAsync(db => db.DailyAggregates.SumAsync(a => a.Cases));
        var replied = await host.QueryAsync(db => db.DailyAggregates.SumAsync(a => a.Replied));
        Assert.That((counted, replied), Is.EqualTo((signals, signals)));
        Assert.That(await host.QueryAsync(db => db.Customers.CountAsync()), Is.EqualTo(7), "one customer per handle, however the stages interleave");
    }

    [Test]
    public async Task A_message_that_keeps_failing_is_kept_for_an_admin_who_replays_it_after_the_fix()
    {
        var host = await StartAsync(s => { s.AutoAgent = true; s.OutcomeWindowSeconds = 0; });
        // An admin publishes an analyse workflow whose condition fails at run time (division by zero).
        var broken = await host.WithScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<WorkflowDefinitionStore>();
            var definition = SocialCrm.Workflows.Definitions.WorkflowJson.Parse(
                File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "analyse.json")).Replace("intent.label == 'other' &&", "1 / 0 > 1 &&"));
            var (draft, errors) = await store.SaveDraftAsync(definition, "test", CancellationToken.None);
            Assert.That(errors, Is.Empty, "the expression parses; it fails only when run");
            return (await store.PublishAsync(StageWorkflows.Analyse, draft.Version, "test", null, CancellationToken.None)).Version;
        });

        var ingested = await host.IngestAsync(Signals.Complaint());
        await host.EventuallyAsync("the failing message is kept", db => db.FailedMessages.AnyAsync());
        var failed = await host.QueryAsync(db => db.FailedMessages.SingleAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(failed.MessageType, Is.EqualTo(typeof(SignalCaptured).FullName));
            Assert.That(failed.Error, Does.Contain("division by zero"));
            Assert.That(await host.QueryAsync(db => db.Cases.CountAsync()), Is.Zero, "nothing half-done was committed");
        });

        // The admin reverts to version 1, publishes it, and replays the message.
        await host.WithScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<WorkflowDefinitionStore>();
            var reverted = await store.RevertAsync(StageWorkflows.Analyse, 1, "test", null, CancellationToken.None);
            Assert.That(reverted.Version, Is.EqualTo(broken + 1));
            return await store.PublishAsync(StageWorkflows.Analyse, reverted.Version, "test", null, CancellationToken.None);
        });
        Assert.That(await host.WithScopeAsync(sp => sp.GetRequiredService<FailedMessageReplayer>().ReplayAsync(failed.Id, "admin", CancellationToken.None)), Is.True);
        await host.EventuallyAsync("the replayed signal reaches measure", db => db.Cases.AnyAsync(c => c.SignalId == ingested.SignalId && c.Status == CaseStatus.Measured));
    }

    [Test]
    public async Task Outbox_rows_pending_at_a_stop_are_relayed_after_a_restart()
    {
        // The process accepts a signal (committed with its outbox row) and stops before the relay runs.
        var down = await StartAsync(s => s.AutoAgent = true, start: false);
        var ingested = await down.IngestAsync(Signals.Complaint());
        Assert.That(await down.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.SentAt == null)), Is.EqualTo(1));
        await down.DisposeAsync();
        _hosts.Remove(down);

        var restarted = await StartAsync(s => { s.AutoAgent = true; s.OutcomeWindowSeconds = 1; });
        await restarted.EventuallyAsync("the signal reaches measure", db => db.Cases.AnyAsync(c => c.SignalId == ingested.SignalId && c.Status == CaseStatus.Measured));
        var accepted = await restarted.QueryAsync(db => db.Signals.Select(s => s.Id).ToListAsync());
        var measured = await restarted.QueryAsync(db => db.Cases.Where(c => c.Status == CaseStatus.Measured).Select(c => c.SignalId).ToListAsync());
        Assert.That(measured, Is.EquivalentTo(accepted));
    }
}
