using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Models;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Pipeline;

/// <summary>The stages score with the active model version; promoting and restoring versions switches them.</summary>
public class ModelVersionTests
{
    private static readonly string[] Positive = ["love it, thanks", "great service, thank you", "amazing help, well done", "so happy with this", "perfect, brilliant support"];
    private static readonly string[] Negative = ["broken again, awful", "worst service ever", "terrible, still waiting", "useless support, angry", "disappointed, it failed"];

    private static TrainedSentimentModel TinyModel(string version)
    {
        var rows = Positive.Select((t, i) => new RatedText("tweets", $"p{i}", 3, t))
            .Concat(Negative.Select((t, i) => new RatedText("tweets", $"n{i}", -3, t)))
            .Concat(Enumerable.Range(0, 5).Select(i => new RatedText("tweets", $"z{i}", 0, $"order number {i} shipped today")))
            .ToList();
        return SentimentTrainer.Train(rows, version, bits: 12, fixedL2: (1e-3f, 1e-3f)).Model;
    }

    [Test]
    public async Task Briefs_name_the_active_model_and_a_restore_goes_back()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        await using var host = await PipelineHost.CreateAsync(PipelineHost.Options(store.Options, BusOptions.InMemory));

        async Task<string> ModelsOfBriefAsync(string postId)
        {
            var signal = await host.IngestAsync(Signals.Complaint(postId: postId));
            await host.EventuallyAsync("the brief", db => db.Cases.AnyAsync(c => c.SignalId == signal.SignalId));
            return await host.QueryAsync(db => db.Cases.Where(c => c.SignalId == signal.SignalId)
                .Join(db.CaseBriefs, c => c.Id, b => b.CaseId, (c, b) => b.Models).SingleAsync());
        }

        Task SwitchAsync(Func<ModelStore, Task> change) => host.WithScopeAsync(async sp =>
        {
            await change(sp.GetRequiredService<ModelStore>());
            await sp.GetRequiredService<ModelRegistry>().RefreshAsync(CancellationToken.None);
            return 0;
        });

        Assert.That(await ModelsOfBriefAsync("m1"), Does.Contain("sentiment-lr-shipped-"), "a fresh store scores with the model SocialCrm ships");

        await SwitchAsync(s => s.SaveAsync(ModelKinds.Sentiment, "v1", "SocialCrm L-BFGS", TinyModel("v1").ToJson(), "{}", "test rows", activate: true, CancellationToken.None));
        Assert.That(await ModelsOfBriefAsync("m2"), Does.Contain("sentiment-lr-v1"));

        await SwitchAsync(s => s.SaveAsync(ModelKinds.Sentiment, "v2", "SocialCrm L-BFGS", TinyModel("v2").ToJson(), "{}", "test rows", activate: true, CancellationToken.None));
        Assert.That(await ModelsOfBriefAsync("m3"), Does.Contain("sentiment-lr-v2"));

        await SwitchAsync(s => s.RestoreAsync(ModelKinds.Sentiment, "v1", CancellationToken.None));
        Assert.That(await ModelsOfBriefAsync("m4"), Does.Contain("sentiment-lr-v1"), "restored to the previous version");

        await SwitchAsync(s => s.RestoreAsync(ModelKinds.Sentiment, "baseline", CancellationToken.None));
        Assert.That(await ModelsOfBriefAsync("m5"), Does.Contain("baseline-lexicon-1"));

        var versions = await host.WithScopeAsync(sp => sp.GetRequiredService<ModelStore>().ListAsync(ModelKinds.Sentiment, CancellationToken.None));
        Assert.That(versions.Select(v => (v.Version.StartsWith("shipped-") ? "shipped" : v.Version, v.IsActive)),
            Is.EquivalentTo(new[] { ("shipped", false), ("v1", false), ("v2", false) }));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => SwitchAsync(s => s.RestoreAsync(ModelKinds.Sentiment, "v9", CancellationToken.None)));
    }

    [Test]
    public async Task A_value_model_stored_before_MLNET_is_retired_and_the_formula_scores()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        await using var host = await PipelineHost.CreateAsync(PipelineHost.Options(store.Options, BusOptions.InMemory));
        // What the release of 2026-11-24 stored for value: its own L-BFGS weights and a standardiser, no ML.NET file.
        const string old = """{"Version":"20261124","Model":{"Outputs":1,"Dimension":25,"Weights":"AAAA","Biases":[0]},"Scale":{"Means":[0],"Scales":[1]}}""";
        await host.WithScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ModelStore>().SaveAsync(ModelKinds.Value, "20261124", "SocialCrm L-BFGS", old, "{}", "cases", activate: true, CancellationToken.None);
            await sp.GetRequiredService<ModelRegistry>().RefreshAsync(CancellationToken.None);
            return 0;
        });
        Assert.That(host.Services.GetRequiredService<ModelRegistry>().Value.ModelName, Is.EqualTo("baseline-formula-1"));

        var signal = await host.IngestAsync(Signals.Complaint(postId: "after-upgrade"));
        await host.EventuallyAsync("a brief scored by the formula", db => db.Cases.Where(c => c.SignalId == signal.SignalId)
            .Join(db.CaseBriefs, c => c.Id, b => b.CaseId, (c, b) => b.Models).AnyAsync(m => m.Contains("baseline-formula-1")));
    }
}
