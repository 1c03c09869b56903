using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Models;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Pipeline;

/// <summary>A fresh install scores with the trained models SocialCrm ships, and keeps whatever an admin chose after that.</summary>
public class ShippedModelTests
{
    [Test]
    public async Task A_fresh_store_scores_with_the_shipped_models_and_an_admins_choice_survives_a_restart()
    {
        var sentiment = ShippedModel.All.Single(m => m.Kind == ModelKinds.Sentiment);
        var intent = ShippedModel.All.Single(m => m.Kind == ModelKinds.Intent);
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        var options = PipelineHost.Options(store.Options, BusOptions.InMemory);

        await using (var host = await PipelineHost.CreateAsync(options))
        {
            var registry = host.Services.GetRequiredService<ModelRegistry>();
            Assert.That(registry.Sentiment.ModelName, Is.EqualTo("sentiment-lr-" + sentiment.Version), "trained sentiment from the first start");
            Assert.That(registry.Intent.ModelName, Is.EqualTo("intent-lr-" + intent.Version), "trained intent from the first start");

            // Emoji only: a language no detector can name, scored by the emoji lexicon and engaged, not ignored as noise.
            var signal = await host.IngestAsync(Signals.Complaint() with { Text = "😡😡😡💔" });
            await host.EventuallyAsync("the brief", db => db.Cases.AnyAsync(c => c.SignalId == signal.SignalId));
            var brief = await host.QueryAsync(db => db.Cases.Where(c => c.SignalId == signal.SignalId)
                .Join(db.CaseBriefs, c => c.Id, b => b.CaseId, (c, b) => new { b.Sentiment, b.SentimentScore, b.Models, c.Status }).SingleAsync());
            Assert.That(brief.Sentiment, Is.EqualTo("negative"), $"score {brief.SentimentScore}");
            Assert.That(brief.Models, Does.Contain(sentiment.Version));
            Assert.That(brief.Status, Is.Not.EqualTo("ignored"));

            await host.WithScopeAsync(async sp =>
            {
                await sp.GetRequiredService<ModelStore>().RestoreAsync(ModelKinds.Sentiment, "baseline", CancellationToken.None);
                return 0;
            });
        }

        await using (var again = await PipelineHost.CreateAsync(options))
        {
            var registry = again.Services.GetRequiredService<ModelRegistry>();
            Assert.That(registry.Sentiment.ModelName, Is.EqualTo("baseline-lexicon-1"), "the admin went back to the lexicon: a restart does not undo it");
            Assert.That(registry.Intent.ModelName, Is.EqualTo("intent-lr-" + intent.Version));
            var versions = await again.WithScopeAsync(sp => sp.GetRequiredService<ModelStore>().ListAsync(ModelKinds.Sentiment, CancellationToken.None));
            Assert.That(versions.Select(v => v.Version), Is.EqualTo(new[] { sentiment.Version }), "seeded once, not again on the second start");
        }
    }
}
