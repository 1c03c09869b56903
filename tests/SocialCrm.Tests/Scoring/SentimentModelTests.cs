using System.Text.Json.Nodes;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Stages.Models;

namespace SocialCrm.Tests.Scoring;

/// <summary>The trained sentiment model against the lexicon baseline on the fixed held-out fifth of the human-rated data.</summary>
public class SentimentModelTests
{
    private static readonly string DataFolder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data/sentiment"));
    private TrainedSentimentModel _model = null!;
    private List<RatedText> _heldOut = null!;

    [OneTimeSetUp]
    public void Train()
    {
        if (!Directory.Exists(DataFolder))
        {
            var reason = $"the rated sentiment data is not at {DataFolder} (../shared beside the checkout)";
            if (Environment.GetEnvironmentVariable("SOCIALCRM_REQUIRE_SERVERS") == "1") Assert.Fail(reason);
            Assert.Ignore(reason);
        }
        var (train, heldOut) = SentimentEvaluation.Split(RatedText.ReadGroundTruth(DataFolder));
        _heldOut = heldOut;
        // The strengths `train sentiment` chooses on its validation tenth; fixed here to keep the test to two fits.
        (_model, _) = SentimentTrainer.Train(train, "test", fixedL2: (3e-5f, 1.5e-3f));
    }

    [TestCase("tweets")]
    [TestCase("movies")]
    [TestCase("editorials")]
    public void Beats_the_lexicon_baseline_on_held_out_text(string source)
    {
        var rows = _heldOut.Where(r => r.Source == source).ToList();
        var model = SentimentEvaluation.Evaluate(_model, source, rows);
        var baseline = SentimentEvaluation.Evaluate(new LexiconSentimentBaseline(), source, rows);
        Assert.Multiple(() =>
        {
            Assert.That(model.R, Is.GreaterThan(baseline.R), "Pearson r with the mean human rating");
            Assert.That(model.MacroF1, Is.GreaterThan(baseline.MacroF1), "3-class macro F1");
            if (source == "tweets") Assert.That(model.R, Is.GreaterThanOrEqualTo(0.85), "the goal on held-out tweets");
            Assert.That(model.CalibrationError, Is.LessThan(0.1), "probabilities close to observed frequencies");
        });
    }

    [Test]
    public void Explains_itself_in_words_and_survives_a_save_and_load()
    {
        var result = _model.Score("The replacement is broken again, worst service ever", "en");
        Assert.That(result.Label, Is.EqualTo("negative"));
        Assert.That(result.Reasons.Select(r => r.Reason), Has.Some.StartsWith("negative: '"));

        var loaded = TrainedSentimentModel.FromJson(_model.ToJson());
        var again = loaded.Score("The replacement is broken again, worst service ever", "en");
        Assert.That(again.Label, Is.EqualTo(result.Label));
        Assert.That(again.Score, Is.EqualTo(result.Score).Within(1e-4), "weights are stored as float32");
    }

    [Test]
    public void The_shipped_model_scores_like_the_one_train_makes_from_the_same_data()
    {
        var shipped = ShippedModel.All.Single(m => m.Kind == ModelKinds.Sentiment);
        var report = JsonNode.Parse(shipped.MetricsJson)!["Report"]!;
        Assert.That(report["ClassifierL2"]!.GetValue<double>(), Is.EqualTo(3e-5).Within(1e-9), "shipped with the strengths this test trains with");
        Assert.That(report["RegressorL2"]!.GetValue<double>(), Is.EqualTo(1.5e-3).Within(1e-9));

        // A change to the featuriser or the lexicons that the shipped file predates shows here: re-ship with `train sentiment --ship`.
        var model = TrainedSentimentModel.FromJson(shipped.ModelJson);
        var pairs = _heldOut.Select(r => (Shipped: model.Score(r.Text, "en"), Trained: _model.Score(r.Text, "en"))).ToList();
        var sameLabel = pairs.Count(p => p.Shipped.Label == p.Trained.Label) / (double)pairs.Count;
        var scoreGap = pairs.Max(p => Math.Abs(p.Shipped.Score - p.Trained.Score));
        Assert.Multiple(() =>
        {
            Assert.That(sameLabel, Is.GreaterThanOrEqualTo(0.995), "held-out texts given the same label");
            Assert.That(scoreGap, Is.LessThan(0.02), "largest difference in the graded score (-1 to 1)");
            foreach (var source in new[] { "tweets", "movies", "editorials" })
            {
                var rows = _heldOut.Where(r => r.Source == source).ToList();
                Assert.That(SentimentEvaluation.Evaluate(model, source, rows).R, Is.EqualTo(SentimentEvaluation.Evaluate(_model, source, rows).R).Within(0.003), source);
            }
        });
    }
}
