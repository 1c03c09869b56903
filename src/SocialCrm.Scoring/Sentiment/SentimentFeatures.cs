using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Sentiment;

/// <summary>
/// The trained sentiment model's features: hashed word and character n-grams, plus four lexicon features after
/// them (the baseline's compound score, its positive and negative sums, and whether it found any words), so
/// the model starts from what the lexicon knows and learns what it misses.
/// </summary>
public sealed class SentimentFeatures(int bits)
{
    private readonly TextFeaturizer _text = new(bits);
    private readonly LexiconSentimentBaseline _lexicon = new();

    public const int LexiconFeatures = 4;
    public int Bits => bits;
    public int Dimension => _text.Dimension + LexiconFeatures;


    public (List<NamedFeature> Named, LexiconReading Lexicon) Featurize(AnalysedText text)
    {
        var shared = text.Features(_text);
        var named = new List<NamedFeature>(shared.Count + LexiconFeatures);
        named.AddRange(shared);
        var reading = _lexicon.Analyse(text);
        var lexicon = _text.Dimension;
        named.Add(new NamedFeature(lexicon, reading.Result.Score, "lexicon score"));
        named.Add(new NamedFeature(lexicon + 1, Math.Tanh(reading.Positive / 4), "lexicon positive"));
        named.Add(new NamedFeature(lexicon + 2, Math.Tanh(reading.Negative / 4), "lexicon negative"));
        named.Add(new NamedFeature(lexicon + 3, reading.Words > 0 ? 1 : 0, "lexicon words"));
        return (named, reading);
    }

    public SparseVector Vector(string text, string language) => TextFeaturizer.ToVector(Featurize(new AnalysedText(text, language)).Named);
}
