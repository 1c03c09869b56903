using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Intent;

/// <summary>
/// The trained intent model's features: the post's hashed n-grams (shared with the sentiment model when both use the
/// same size), then a few dense ones: the keyword baseline's votes per intent and the lexicon's positive and negative
/// sums, since praise and complaints are mostly a matter of sentiment. The dense ones are not shrunk by L2.
/// </summary>
public sealed class IntentFeatures(int bits)
{
    private readonly TextFeaturizer _text = new(bits);
    private readonly LexiconSentimentBaseline _lexicon = new();

    public const int DenseFeatures = 6;
    public int Bits => bits;
    public int Dimension => _text.Dimension + DenseFeatures;

    public List<NamedFeature> Featurize(AnalysedText text)
    {
        var shared = text.Features(_text);
        var named = new List<NamedFeature>(shared.Count + DenseFeatures);
        named.AddRange(shared);
        var dense = _text.Dimension;
        foreach (var (label, votes) in KeywordIntentBaseline.Votes(text))
            named.Add(new NamedFeature(dense++, Math.Tanh(votes / 2.0), $"keywords {label}"));
        var reading = _lexicon.Analyse(text);
        named.Add(new NamedFeature(dense++, Math.Tanh(reading.Positive / 4), "lexicon positive"));
        named.Add(new NamedFeature(dense, Math.Tanh(reading.Negative / 4), "lexicon negative"));
        return named;
    }

    public SparseVector Vector(string text, string language) => TextFeaturizer.ToVector(Featurize(new AnalysedText(text, language)));
}
