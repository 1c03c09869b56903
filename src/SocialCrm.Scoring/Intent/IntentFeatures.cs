using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Intent;

/// <summary>
/// The trained intent model's features: the post's hashed n-grams, then a few dense ones: the keyword baseline's votes
/// per intent and the lexicon's positive and negative sums, since praise and complaints are mostly a matter of
/// sentiment. The dense ones are not shrunk by L2. The n-grams are the sentiment model's 2^16 buckets folded into
/// 2^bits by their low bits (the same as hashing into 2^bits), so a post is featurised once for both models while
/// the intent weights stay small enough to sit in the processor's cache.
/// </summary>
public sealed class IntentFeatures(int bits)
{
    private readonly TextFeaturizer _text = new(TextFeaturizer.SharedBits);
    private readonly LexiconSentimentBaseline _lexicon = new();
    private readonly int _mask = (1 << bits) - 1;

    public const int DenseFeatures = 6;
    public int Bits => bits;
    public int Dimension => (1 << bits) + DenseFeatures;

    public List<NamedFeature> Featurize(AnalysedText text)
    {
        if (bits > TextFeaturizer.SharedBits) throw new ArgumentOutOfRangeException(nameof(bits), $"intent features fold the shared 2^{TextFeaturizer.SharedBits} buckets; {bits} bits is more");
        var shared = text.Features(_text);
        var named = new List<NamedFeature>(shared.Count + DenseFeatures);
        foreach (var f in shared) named.Add(f with { Index = f.Index & _mask });
        var dense = 1 << bits;
        foreach (var (label, votes) in KeywordIntentBaseline.Votes(text))
            named.Add(new NamedFeature(dense++, Math.Tanh(votes / 2.0), $"keywords {label}"));
        var reading = _lexicon.Analyse(text);
        named.Add(new NamedFeature(dense++, Math.Tanh(reading.Positive / 4), "lexicon positive"));
        named.Add(new NamedFeature(dense, Math.Tanh(reading.Negative / 4), "lexicon negative"));
        return named;
    }

    public SparseVector Vector(string text, string language) => TextFeaturizer.ToVector(Featurize(new AnalysedText(text, language)));
}
