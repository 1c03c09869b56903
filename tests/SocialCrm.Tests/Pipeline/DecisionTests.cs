using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Act.RecordAction;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Listen.Ingest;
using SocialCrm.Stages.Measure.AnswerConnection;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Pipeline;

/// <summary>The analyse decisions and the act stage's connection rules, on the embedded default.</summary>
public class DecisionTests
{
    private TestStore _store = null!;
    private PipelineHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        _host = await PipelineHost.CreateAsync(PipelineHost.Options(_store.Options, BusOptions.InMemory, s => s.OutcomeWindowSeconds = 30));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        await _store.DisposeAsync();
    }

    private static SignalInput Post(string text, string platform = "x", string handle = "someone") => Signals.Complaint(handle: handle, platform: platform) with { Text = text };

    private async Task<Case> CaseWhenAsync(Guid signalId, string status)
    {
        await _host.EventuallyAsync($"the case is {status}", db => db.Cases.AnyAsync(c => c.SignalId == signalId && c.Status == status));
        return await _host.QueryAsync(db => db.Cases.SingleAsync(c => c.SignalId == signalId));
    }

    [Test]
    public async Task Small_talk_is_ignored_and_still_measured()
    {
        var signal = await _host.IngestAsync(Post("Anyone else watching the game tonight"));
        var measured = await CaseWhenAsync(signal.SignalId, CaseStatus.Measured);
        Assert.That(measured.Decision, Is.EqualTo(Decisions.Ignore));
        Assert.That(await _host.QueryAsync(db => db.OutgoingMessages.CountAsync()), Is.Zero, "nothing is sent for an ignored post");
        Assert.That(await _host.QueryAsync(db => db.CaseMetrics.Select(m => m.Action).SingleAsync()), Is.EqualTo("ignored"));
    }

    [Test]
    public async Task Praise_from_a_new_customer_gets_the_standard_thanks_without_an_agent()
    {
        var signal = await _host.IngestAsync(Post("Love my new blender, thank you so much!"));
        await _host.EventuallyAsync("the automatic reply", db => db.OutgoingMessages.AnyAsync(m => m.Kind == OutgoingKinds.Reply));
        var @case = await _host.QueryAsync(db => db.Cases.SingleAsync(c => c.SignalId == signal.SignalId));
        var reply = await _host.QueryAsync(db => db.OutgoingMessages.SingleAsync());
        Assert.Multiple(() =>
        {
            Assert.That(@case.Decision, Is.EqualTo(Decisions.AutoReply));
            Assert.That(@case.AssignedAgent, Is.EqualTo("auto"));
            Assert.That(reply.ReplyKind, Is.EqualTo("standard"));
            Assert.That(reply.Text, Does.StartWith("Thank you so much, Jane Doe"));
        });
    }

    private string? LastRefusal { get; set; }

    /// <summary>Replies as an agent who asks to connect, once the case waits.</summary>
    private async Task<Guid> ReplyAskingToConnectAsync(string platform, string handle, bool consent)
    {
        var signal = await _host.IngestAsync(Post("My order is still missing, please help", platform, handle));
        var @case = await CaseWhenAsync(signal.SignalId, CaseStatus.AwaitingAgent);
        await _host.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<SocialCrm.Persistence.CrmDbContext>();
            (await db.Customers.SingleAsync(c => c.Id == @case.CustomerId)).ConsentToConnect = consent;
            return await db.SaveChangesAsync();
        });
        var result = await _host.WithScopeAsync(sp => sp.GetRequiredService<RecordAgentActionHandler>().HandleAsync(@case.Id,
            new AgentActionInput { Agent = "alice", Action = "reply", RequestConnection = true }, CancellationToken.None));
        if (result.Status == RecordActionStatus.ConnectionNotAllowed)
        {
            // Refused before anything is recorded, with the reason; the agent replies without asking.
            LastRefusal = result.Problem;
            await _host.WithScopeAsync(sp => sp.GetRequiredService<RecordAgentActionHandler>().HandleAsync(@case.Id,
                new AgentActionInput { Agent = "alice", Action = "reply" }, CancellationToken.None));
        }
        await _host.EventuallyAsync("the reply", db => db.OutgoingMessages.AnyAsync(m => m.CaseId == @case.Id && m.Kind == OutgoingKinds.Reply));
        await _host.EventuallyAsync("the act stage is done", db => db.Cases.AnyAsync(c => c.Id == @case.Id && c.ActedAt != null));
        return @case.Id;
    }

    [Test]
    public async Task A_connection_request_needs_consent_and_a_channel_that_has_them()
    {
        var withConsent = await ReplyAskingToConnectAsync("x", "consenting", consent: true);
        var withoutConsent = await ReplyAskingToConnectAsync("x", "private", consent: false);
        Assert.That(LastRefusal, Does.Contain("has not consented"));
        var noSuchFeature = await ReplyAskingToConnectAsync("trustpilot", "reviewer", consent: true);
        Assert.That(LastRefusal, Does.Contain("trustpilot has no connection requests"));

        var requests = await _host.QueryAsync(db => db.OutgoingMessages.Where(m => m.Kind == OutgoingKinds.ConnectionRequest).Select(m => m.CaseId).ToListAsync());
        Assert.That(requests, Is.EqualTo(new[] { withConsent }), "only where the customer consented and the platform supports it");
        Assert.That(withoutConsent, Is.Not.EqualTo(noSuchFeature));
    }

    [Test]
    public async Task An_accepted_connection_request_is_the_case_outcome()
    {
        var caseId = await ReplyAskingToConnectAsync("instagram", "fan", consent: true);
        var request = await _host.QueryAsync(db => db.OutgoingMessages.SingleAsync(m => m.CaseId == caseId && m.Kind == OutgoingKinds.ConnectionRequest));
        var reply = await _host.QueryAsync(db => db.OutgoingMessages.SingleAsync(m => m.CaseId == caseId && m.Kind == OutgoingKinds.Reply));
        await _host.IngestAsync(Signals.FollowUp(reply.PlatformMessageId, handle: "fan", platform: "instagram"));
        var answered = await _host.WithScopeAsync(sp => sp.GetRequiredService<AnswerConnectionRequestHandler>().HandleAsync(request.Id, accepted: true, CancellationToken.None));
        Assert.That(answered, Is.EqualTo(AnswerStatus.Recorded));
        Assert.That(await _host.WithScopeAsync(sp => sp.GetRequiredService<AnswerConnectionRequestHandler>().HandleAsync(request.Id, accepted: false, CancellationToken.None)),
            Is.EqualTo(AnswerStatus.AlreadyAnswered));

        await _host.EventuallyAsync("the case is measured", db => db.CaseMetrics.AnyAsync(m => m.CaseId == caseId));
        var metrics = await _host.QueryAsync(db => db.CaseMetrics.SingleAsync(m => m.CaseId == caseId));
        Assert.Multiple(() =>
        {
            Assert.That(metrics.ConnectionOutcome, Is.EqualTo("accepted"));
            Assert.That(metrics.Outcome, Is.EqualTo("complete"), "the follow-up and the answer both came before the window closed");
        });
    }
}
