using SocialCrm.Scoring.Sentiment;
using SocialCrm.Stages.Models;

namespace SocialCrm.Tests.Scoring;

/// <summary>
/// The known weak spots measured on a small set written for SocialCrm (Data/negation-contrast-en.tsv): negation ("not
/// bad at all") and contrast or sarcasm ("great, another delay"). The floors are today's figures, so a change that
/// makes either model worse on them fails; README gives the figures.
/// </summary>
public class NegationContrastTests
{
    private static readonly List<(string Kind, string Label, string Text)> Rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Scoring", "Data", "negation-contrast-en.tsv"))
        .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).Select(p => (p[0], p[1], p[2])).ToList();

    private static double Accuracy(ISentimentScorer scorer, string kind) =>
        Rows.Where(r => r.Kind == kind).Average(r => scorer.Score(r.Text, "en").Label == r.Label ? 1.0 : 0.0);

    // Measured: negation, lexicon 75 % and trained 50 % (its n-grams read "not bad" as "bad"); contrast and sarcasm,
    // 30 % and 30 %. A weak spot to work on, held here so it does not get worse.
    [TestCase("negation", 0.75, 0.50)]
    [TestCase("contrast", 0.30, 0.30)]
    public void Scores_negation_and_contrast_at_least_as_well_as_measured(string kind, double lexiconFloor, double trainedFloor)
    {
        var shipped = TrainedSentimentModel.FromJson(ShippedModel.All.Single(m => m.Kind == ModelKinds.Sentiment).ModelJson);
        var lexicon = Accuracy(new LexiconSentimentBaseline(), kind);
        var trained = Accuracy(shipped, kind);
        TestContext.Out.WriteLine($"{kind}: {Rows.Count(r => r.Kind == kind)} sentences, lexicon {lexicon:P0}, trained {trained:P0}");
        foreach (var r in Rows.Where(r => r.Kind == kind))
            TestContext.Out.WriteLine($"  {r.Label,-8} lexicon {new LexiconSentimentBaseline().Score(r.Text, "en").Label,-8} trained {shipped.Score(r.Text, "en").Label,-8} {r.Text}");
        Assert.Multiple(() =>
        {
            Assert.That(lexicon, Is.GreaterThanOrEqualTo(lexiconFloor));
            Assert.That(trained, Is.GreaterThanOrEqualTo(trainedFloor));
        });
    }
}
