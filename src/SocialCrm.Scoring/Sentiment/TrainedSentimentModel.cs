using System.Text.Json;
using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Learning.MlNet;
using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Sentiment;

/// <summary>
/// Sentiment learned from human ratings: a multinomial logistic regression for the label and a ridge regression
/// for the graded score (-1..+1), on hashed n-grams plus the lexicon's own reading.
/// </summary>
public sealed class TrainedSentimentModel(string version, int bits, LinearModel classifier, LinearModel regressor, string trainer = SparseLinearTrainer.MaximumEntropy) : ISentimentScorer
{
    private readonly SentimentFeatures _features = new(bits);

    // The label's three outputs and the graded score's one, scored in one pass over the features.
    private readonly LinearModel _stacked = LinearModel.Stack(classifier, regressor);

    public string Version => version;
    public string ModelName => $"sentiment-lr-{version}";
    /// <summary>What fitted the weights; versions stored before ML.NET say "SocialCrm L-BFGS".</summary>
    public string Trainer => trainer;
    public int Bits => bits;
    public LinearModel Classifier => classifier;
    public LinearModel Regressor => regressor;

    public SentimentResult Score(AnalysedText text)
    {
        var (named, lexicon) = _features.Featurize(text);
        var scores = _stacked.Scores(named);
        var graded = Math.Clamp(scores[^1], -1, 1);
        var probabilities = scores[..^1];
        LinearModel.Softmax(probabilities);
        var k = Array.IndexOf(probabilities, probabilities.Max());
        return new SentimentResult(RatedText.Classes[k], Math.Round(graded, 4), Reasons(named, lexicon, k));
    }

    public double[] Probabilities(string text, string language) => classifier.Probabilities(_features.Featurize(new AnalysedText(text, language)).Named);

    /// <summary>
    /// The words that pushed most towards the predicted class ("negative: 'still broken'"); the lexicon's share is
    /// told as the lexicon words that made it, as the baseline does.
    /// </summary>
    private IReadOnlyList<Explanation> Reasons(List<NamedFeature> named, LexiconReading lexicon, int predicted)
    {
        var label = RatedText.Classes[predicted];
        var words = LinearExplainer.WordPushes(classifier, predicted, named, label);
        // The lexicon's features are the last four (SentimentFeatures.Featurize appends them): no need to look through the n-grams.
        var lexiconPush = 0.0;
        for (var i = named.Count - SentimentFeatures.LexiconFeatures; i < named.Count; i++) lexiconPush += LinearExplainer.Push(classifier, predicted, named[i]);
        var lexiconWords = lexicon.Result.Reasons
            .Where(r => label == SentimentResult.Neutral || (label == SentimentResult.Negative) == (r.Weight < 0))
            .Select(r => new Explanation($"{label}: {r.Reason[(r.Reason.IndexOf(':') + 2)..]}", Math.Round(lexiconPush * Math.Abs(r.Weight) / lexicon.Result.Reasons.Sum(x => Math.Abs(x.Weight)), 3)));
        return LinearExplainer.Top(words.Concat(lexiconPush > 0 ? lexiconWords : []));
    }

    private sealed record File(string Version, int Bits, LinearModelJson Classifier, LinearModelJson Regressor, string? Trainer);

    public string ToJson() => JsonSerializer.Serialize(new File(version, bits, LinearModelJson.From(classifier), LinearModelJson.From(regressor), trainer));

    public static TrainedSentimentModel FromJson(string json)
    {
        var file = JsonSerializer.Deserialize<File>(json) ?? throw new FormatException("the sentiment model file is empty");
        return new TrainedSentimentModel(file.Version, file.Bits, file.Classifier.ToModel(), file.Regressor.ToModel(), file.Trainer ?? "SocialCrm L-BFGS");
    }
}
