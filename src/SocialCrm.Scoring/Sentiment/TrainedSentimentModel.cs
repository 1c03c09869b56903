using System.Text.Json;
using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Sentiment;

/// <summary>
/// Sentiment learned from human ratings: a multinomial logistic regression for the label and a ridge regression
/// for the graded score (-1..+1), on hashed n-grams plus the lexicon's own reading.
/// </summary>
public sealed class TrainedSentimentModel(string version, int bits, LinearModel classifier, LinearModel regressor) : ISentimentScorer
{
    private readonly SentimentFeatures _features = new(bits);

    public string Version => version;
    public string ModelName => $"sentiment-lr-{version}";
    public int Bits => bits;
    public LinearModel Classifier => classifier;
    public LinearModel Regressor => regressor;

    public SentimentResult Score(string text, string language)
    {
        var (vector, named, lexicon) = _features.Featurize(text, language);
        var probabilities = classifier.Probabilities(vector);
        var k = Array.IndexOf(probabilities, probabilities.Max());
        var graded = Math.Clamp(regressor.Scores(vector)[0], -1, 1);
        return new SentimentResult(RatedText.Classes[k], Math.Round(graded, 4), Reasons(named, lexicon, k));
    }

    public double[] Probabilities(string text, string language) => classifier.Probabilities(_features.Featurize(text, language).Vector);

    /// <summary>
    /// The words that pushed most towards the predicted class, against the average class: "negative: 'still broken'".
    /// Character n-grams move scores too but mean nothing to an agent, so only words and word pairs are named.

    /// The lexicon's share is told as the lexicon words that made it, as the baseline does.
    /// </summary>
    private IReadOnlyList<Explanation> Reasons(List<NamedFeature> named, LexiconReading lexicon, int predicted)
    {
        double Push(NamedFeature f)
        {
            var mean = 0.0;
            for (var c = 0; c < classifier.Outputs; c++) mean += classifier.Weight(c, f.Index);
            return (classifier.Weight(predicted, f.Index) - mean / classifier.Outputs) * f.Value;
        }
        var label = RatedText.Classes[predicted];
        var words = named.Where(f => f.Name.StartsWith("w:", StringComparison.Ordinal) || f.Name.StartsWith("b:", StringComparison.Ordinal))
            .Select(f => new Explanation($"{label}: {Words(f.Name[2..])}", Math.Round(Push(f), 3)));
        var lexiconPush = named.Where(f => f.Name.StartsWith(SentimentFeatures.LexiconPrefix, StringComparison.Ordinal)).Sum(Push);
        var lexiconWords = lexicon.Result.Reasons
            .Where(r => label == SentimentResult.Neutral || (label == SentimentResult.Negative) == (r.Weight < 0))
            .Select(r => new Explanation($"{label}: {r.Reason[(r.Reason.IndexOf(':') + 2)..]}", Math.Round(lexiconPush * Math.Abs(r.Weight) / lexicon.Result.Reasons.Sum(x => Math.Abs(x.Weight)), 3)));
        return words.Concat(lexiconPush > 0 ? lexiconWords : []).Where(e => e.Weight > 0)
            .GroupBy(e => e.Reason).Select(g => g.First() with { Weight = g.Sum(e => e.Weight) })
            .OrderByDescending(e => e.Weight).Take(3).ToList();
    }

    /// <summary>A feature's words as an agent reads them: placeholders and punctuation said in words.</summary>
    private static string Words(string feature) => string.Join(" ", feature.Split(' ').Select(t => t switch
    {
        "<num>" => "a number",
        "<url>" => "a link",
        "<user>" => "a mention",
        "?" or "??" => "a question mark",
        "!" or "!!" => "an exclamation mark",
        _ => t,
    })) is var words && words == feature ? $"'{feature}'" : words;

    private sealed record File(string Version, int Bits, LinearModelJson Classifier, LinearModelJson Regressor);

    public string ToJson() => JsonSerializer.Serialize(new File(version, bits, LinearModelJson.From(classifier), LinearModelJson.From(regressor)));

    public static TrainedSentimentModel FromJson(string json)
    {
        var file = JsonSerializer.Deserialize<File>(json) ?? throw new FormatException("the sentiment model file is empty");
        return new TrainedSentimentModel(file.Version, file.Bits, file.Classifier.ToModel(), file.Regressor.ToModel());
    }
}
