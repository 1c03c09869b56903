using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Act.RecordAction;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Models;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Pipeline;

/// <summary>
/// The closed loop: measured cases become labelled examples, value and reply kind are trained from them, and the
/// analyse stage then briefs with the trained versions. And the daily budget of personalised replies.
/// </summary>
public class ClosedLoopTests
{
    private static async Task<CaseBrief> BriefOfAsync(PipelineHost host, Guid signalId)
    {
        await host.EventuallyAsync("the brief", db => db.Cases.AnyAsync(c => c.SignalId == signalId));
        return await host.QueryAsync(db => db.Cases.Where(c => c.SignalId == signalId).Join(db.CaseBriefs, c => c.Id, b => b.CaseId, (c, b) => b).SingleAsync());
    }

    [Test]
    public async Task Measured_cases_train_value_and_reply_kind_and_the_next_briefs_use_them()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        await using var host = await PipelineHost.CreateAsync(PipelineHost.Options(store.Options, BusOptions.InMemory, s => s.OutcomeWindowSeconds = 10));

        // 90 customers complain; agents alternate the kind of reply; two thirds of the personalised and a third of the
        // standard replies are answered happily, and every fifth customer does not answer at all.
        const int customers = 90;
        var signals = new List<Guid>();
        for (var i = 0; i < customers; i++)
            signals.Add((await host.IngestAsync(Signals.Complaint(handle: $"customer{i}") with { AuthorFollowers = 50 * i })).SignalId);
        await host.EventuallyAsync("every case waits for an agent", async db => await db.Cases.CountAsync(c => c.Status == CaseStatus.AwaitingAgent) == customers, 60);
        var cases = await host.QueryAsync(db => db.Cases.ToDictionaryAsync(c => c.SignalId, c => c.Id));
        for (var i = 0; i < customers; i++)
        {
            var kind = i % 2 == 0 ? "personalised" : "standard";
            var result = await host.WithScopeAsync(sp => sp.GetRequiredService<RecordAgentActionHandler>().HandleAsync(cases[signals[i]],
                new AgentActionInput { Agent = "alice", Action = "reply", ReplyKind = kind }, CancellationToken.None));
            Assert.That(result.Status, Is.EqualTo(RecordActionStatus.Accepted));
        }
        await host.EventuallyAsync("every reply is sent", async db => await db.OutgoingMessages.CountAsync(m => m.Kind == OutgoingKinds.Reply) == customers, 60);
        var replies = await host.QueryAsync(db => db.OutgoingMessages.Where(m => m.Kind == OutgoingKinds.Reply).ToDictionaryAsync(m => m.CaseId, m => m.PlatformMessageId));
        for (var i = 0; i < customers; i++)
        {
            if (i % 5 == 4) continue;
            var happy = i % 2 == 0 ? i % 3 != 0 : i % 3 == 0;
            await host.IngestAsync(Signals.FollowUp(replies[cases[signals[i]]], handle: $"customer{i}") with
            {
                Text = happy ? "Thanks, that solved it! Great help" : "Still broken. Useless answer, I'm angry",
            });
        }
        // (A follow-up is a signal too, and makes a case of its own; only the complaints' cases are waited for.)
        var complaintCases = cases.Values.ToList();
        await host.EventuallyAsync("every complaint's case is measured", async db => await db.CaseMetrics.CountAsync(m => complaintCases.Contains(m.CaseId)) == customers, 120);

        var examples = await host.WithScopeAsync(sp => sp.GetRequiredService<OutcomeExamples>().LoadAsync(CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(examples.Count(e => complaintCases.Contains(Guid.Parse(e.Key))), Is.EqualTo(customers), "every replied, measured case is an example");
            Assert.That(examples.Count(e => e.FollowedUp && complaintCases.Contains(Guid.Parse(e.Key))), Is.EqualTo(customers - customers / 5));
            Assert.That(examples.Count(e => e.Happy && complaintCases.Contains(Guid.Parse(e.Key))), Is.EqualTo(Enumerable.Range(0, customers).Count(i => i % 5 != 4 && (i % 2 == 0 ? i % 3 != 0 : i % 3 == 0))));
            Assert.That(examples.Where(e => complaintCases.Contains(Guid.Parse(e.Key))).Select(e => e.Features.Followers).Distinct().Count(), Is.EqualTo(customers),
                "the features the brief saw");
        });

        var trained = await host.WithScopeAsync(sp => sp.GetRequiredService<ModelTraining>().TrainFromOutcomesAsync("t1", CancellationToken.None));
        Assert.That(trained.Select(t => t.Kind), Is.EqualTo(new[] { ModelKinds.Value, ModelKinds.ReplyKind }));
        Assert.That(trained.Select(t => t.Current), Is.EqualTo(new[] { "baseline-formula-1", "baseline-rule-1" }), "compared with what the stages used");

        // Whether or not held-out cases favoured them, an admin can make these versions active.
        await host.WithScopeAsync(async sp =>
        {
            var models = sp.GetRequiredService<ModelStore>();
            await models.RestoreAsync(ModelKinds.Value, "t1", CancellationToken.None);
            await models.RestoreAsync(ModelKinds.ReplyKind, "t1", CancellationToken.None);
            await sp.GetRequiredService<ModelRegistry>().RefreshAsync(CancellationToken.None);
            return 0;
        });
        var brief = await BriefOfAsync(host, (await host.IngestAsync(Signals.Complaint(handle: "newcomer") with { AuthorFollowers = 4000 })).SignalId);
        Assert.Multiple(() =>
        {
            Assert.That(brief.Models, Does.Contain("value-lr-t1").And.Contain("replykind-lr-t1"));
            Assert.That(brief.ReplyGain, Is.Not.Null, "the trained advisor estimates the gain of personalising");
            Assert.That(brief.FeaturesJson, Does.Contain("\"followers\":4000"), "kept for the next training");
            Assert.That(brief.ReasonsJson, Does.Contain("points of happy outcomes expected"));
        });
    }

    [Test]
    public async Task The_daily_budget_of_personalised_replies_is_not_exceeded()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        var options = PipelineHost.Options(store.Options, BusOptions.InMemory);
        options.Models.PersonalisedRepliesPerDay = 1;
        await using var host = await PipelineHost.CreateAsync(options);

        // The baseline rule personalises for an unhappy complaint with over 1000 followers: both qualify, one reply is left.
        var first = await BriefOfAsync(host, (await host.IngestAsync(Signals.Complaint(handle: "loud1") with { AuthorFollowers = 5000 })).SignalId);
        var second = await BriefOfAsync(host, (await host.IngestAsync(Signals.Complaint(handle: "loud2") with { AuthorFollowers = 5000 })).SignalId);
        Assert.Multiple(() =>
        {
            Assert.That(first.RecommendedReplyKind, Is.EqualTo("personalised"));
            Assert.That(second.RecommendedReplyKind, Is.EqualTo("standard"));
            Assert.That(second.ReasonsJson, Does.Contain("budget of 1 personalised replies is spent"));
        });
    }
}
