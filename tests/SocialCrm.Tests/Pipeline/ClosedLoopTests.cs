using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Customers;
using SocialCrm.Domain.Measure;
using SocialCrm.Domain.Signals;
using SocialCrm.Persistence;
using SocialCrm.Simulation;
using SocialCrm.Simulation.Evaluation;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Act.RecordAction;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Models;
using SocialCrm.Stages.Workflows;
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
        // Every seventh customer buys again while the measure stage waits (the back office raises their revenue).
        await host.EventuallyAsync("every case's measure waits for outcomes", async db =>
            await db.WorkflowInstances.CountAsync(w => w.DefinitionId == StageWorkflows.Measure && w.CurrentActivityId == "wait") == customers, 60);
        var buyers = Enumerable.Range(0, customers).Where(i => i % 7 == 0).Select(i => $"customer{i}").ToList();
        await host.QueryAsync(db => db.Customers.Where(c => db.SocialIdentities.Any(s => s.CustomerId == c.Id && buyers.Contains(s.Handle)))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LifetimeRevenue, c => c.LifetimeRevenue + 80)));
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
            Assert.That(examples.Count(e => e.BoughtAgain && complaintCases.Contains(Guid.Parse(e.Key))), Is.EqualTo(buyers.Count), "bought within the window");
            Assert.That(examples.Count(e => e.PaidOff && complaintCases.Contains(Guid.Parse(e.Key))),
                Is.EqualTo(Enumerable.Range(0, customers).Count(i => i % 7 == 0 || (i % 5 != 4 && (i % 2 == 0 ? i % 3 != 0 : i % 3 == 0)))), "happy or bought again");
            Assert.That(examples.Where(e => complaintCases.Contains(Guid.Parse(e.Key))).Select(e => e.Features.Followers).Distinct().Count(), Is.EqualTo(customers),
                "the features the brief saw");
        });

        var trained = await host.WithScopeAsync(sp => sp.GetRequiredService<ModelTraining>().TrainFromOutcomesAsync("t1", CancellationToken.None));
        // Each kind by both ML.NET trainers, both stored; at most one of each kind promoted.
        Assert.That(trained.Select(t => (t.Kind, t.Version)), Is.EqualTo(new[]
        {
            (ModelKinds.Value, "t1-lr"), (ModelKinds.Value, "t1-gbm"), (ModelKinds.ReplyKind, "t1-lr"), (ModelKinds.ReplyKind, "t1-gbm"),
        }));
        Assert.That(trained.Select(t => t.Current), Is.EqualTo(new[] { "baseline-formula-1", "baseline-formula-1", "baseline-rule-1", "baseline-rule-1" }), "compared with what the stages used");
        Assert.That(trained.GroupBy(t => t.Kind).Select(g => g.Count(t => t.Promoted)), Has.All.LessThanOrEqualTo(1));
        Assert.That(trained.Single(t => t.Kind == ModelKinds.ReplyKind && t.Version == "t1-gbm").Promoted, Is.False, "reply kind: LightGbm is stored for comparison only");
        var trainers = await host.QueryAsync(db => db.TrainedModels.Where(m => m.Kind == ModelKinds.Value || m.Kind == ModelKinds.ReplyKind).OrderBy(m => m.Kind).ThenBy(m => m.Version).Select(m => m.Trainer).ToListAsync());
        Assert.That(trainers, Is.EqualTo(new[] { "ML.NET LightGbm", "ML.NET L-BFGS logistic regression", "ML.NET LightGbm", "ML.NET L-BFGS logistic regression" }));
        Assert.That(trained[0].Summary, Does.Contain("of the held-out cases (praise below settings.autoReplyBelowValue 0.3)"),
            "says what the analyse workflow's value settings would do with the new scale");

        // Whether or not held-out cases favoured them, an admin can make these versions active.
        Task UseAsync(string version) => host.WithScopeAsync(async sp =>
        {
            var models = sp.GetRequiredService<ModelStore>();
            await models.RestoreAsync(ModelKinds.Value, version, CancellationToken.None);
            await models.RestoreAsync(ModelKinds.ReplyKind, version, CancellationToken.None);
            await sp.GetRequiredService<ModelRegistry>().RefreshAsync(CancellationToken.None);
            return 0;
        });
        await UseAsync("t1-lr");
        var brief = await BriefOfAsync(host, (await host.IngestAsync(Signals.Complaint(handle: "newcomer") with { AuthorFollowers = 4000 })).SignalId);
        Assert.Multiple(() =>
        {
            Assert.That(brief.Models, Does.Contain("value-t1-lr").And.Contain("replykind-t1-lr"));
            Assert.That(brief.ReplyGain, Is.Not.Null, "the trained advisor estimates the gain of personalising");
            Assert.That(brief.FeaturesJson, Does.Contain("\"followers\":4000"), "kept for the next training");
            Assert.That(brief.ReasonsJson, Does.Contain("points of happy outcomes expected"));
        });

        // The LightGbm versions score the briefs just as well when an admin chooses them.
        await UseAsync("t1-gbm");
        var treeBrief = await BriefOfAsync(host, (await host.IngestAsync(Signals.Complaint(handle: "newcomer2") with { AuthorFollowers = 4000 })).SignalId);
        Assert.That(treeBrief.Models, Does.Contain("value-t1-gbm").And.Contain("replykind-t1-gbm"));
        Assert.That(treeBrief.ReplyGain, Is.Not.Null);
        Assert.That(treeBrief.ReasonsJson, Does.Contain("points of happy outcomes expected"));
    }

    [Test]
    public async Task The_schedule_retrains_from_measured_cases_and_the_stages_follow_what_it_promotes()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        var options = PipelineHost.Options(store.Options, BusOptions.InMemory);
        options.Models.RetrainEveryHours = 1.0 / 3600; // every second
        await using var host = await PipelineHost.CreateAsync(options);

        // Measured cases as the stages leave them (signal, case, brief with its features, metrics), with outcomes drawn
        // from the simulator's truth; written straight to the store, so only the schedule is under test.
        var examples = SimulatedOutcomes.Examples(new SimulatedWorld(new SimulationOptions { Customers = 500, Seed = 3 }), 600, new Random(2));
        await host.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CrmDbContext>();
            var now = DateTime.UtcNow;
            foreach (var e in examples)
            {
                var customer = new Customer { DisplayName = e.Key, FirstSeenAt = now };
                var signal = new Signal { Platform = "x", PlatformPostId = e.Key, AuthorHandle = e.Key, Text = "…", PostedAt = now, ReceivedAt = now, CustomerId = customer.Id };
                var @case = new Case { SignalId = signal.Id, CustomerId = customer.Id, Status = CaseStatus.Measured, CreatedAt = now, SlaDueAt = now, ReplyKind = e.ReplyKind };
                db.AddRange(customer, signal, @case);
                db.CaseBriefs.Add(new CaseBrief { CaseId = @case.Id, ValueScore = e.Value, CreatedAt = now, FeaturesJson = JsonSerializer.Serialize(e.Features, JsonSerializerOptions.Web) });
                db.CaseMetrics.Add(new CaseMetrics
                {
                    CaseId = @case.Id, CustomerId = customer.Id, Action = "replied", ReplyKind = e.ReplyKind, MeasuredAt = now,
                    SentimentAfter = e.FollowedUp ? (e.Happy ? 0.6 : -0.5) : null, PurchaseAmount = e.BoughtAgain ? 49.9 : 0,
                    ConnectionOutcome = e.PaidOff && !e.Happy && !e.BoughtAgain ? ConnectionAnswers.Accepted : "none",
                });
            }
            await db.SaveChangesAsync();
            return 0;
        });

        // The stages score with whatever the schedule made active (or the baselines, if nothing beat them).
        var registry = host.Services.GetRequiredService<ModelRegistry>();
        await host.EventuallyAsync("a value and a reply-kind version stored, and the stages on the active ones", async db =>
        {
            if (await db.TrainedModels.Where(m => m.Kind == ModelKinds.Value || m.Kind == ModelKinds.ReplyKind).Select(m => m.Kind).Distinct().CountAsync() < 2) return false;
            var active = await db.TrainedModels.Where(m => m.IsActive).ToDictionaryAsync(m => m.Kind, m => m.Version);
            return registry.Value.ModelName == (active.TryGetValue(ModelKinds.Value, out var v) ? $"value-{v}" : "baseline-formula-1")
                && registry.ReplyKind.ModelName == (active.TryGetValue(ModelKinds.ReplyKind, out var r) ? $"replykind-{r}" : "baseline-rule-1");
        }, 30);
        var stored = await host.QueryAsync(db => db.TrainedModels.Where(m => m.Kind == ModelKinds.ReplyKind).Select(m => m.TrainingData).FirstAsync());
        Assert.That(stored, Does.Contain("answered replies"), "stored with what it learned from");
    }

    [Test]
    public async Task The_daily_budget_of_personalised_replies_is_not_exceeded()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        var options = PipelineHost.Options(store.Options, BusOptions.InMemory);
        options.Settings.PersonalisedRepliesPerDay = 1;
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
