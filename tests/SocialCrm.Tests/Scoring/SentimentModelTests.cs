using SocialCrm.Scoring.Sentiment;

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
}
