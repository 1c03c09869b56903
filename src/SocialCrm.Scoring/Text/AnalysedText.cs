using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Sentiment;

namespace SocialCrm.Scoring.Text;

/// <summary>
/// One post's text, tokenised and featurised once and shared by every scorer that reads it (language, sentiment,
/// intent): scoring a signal with four models then costs one tokenisation, not four. Not thread-safe: one per post.
/// </summary>
public sealed class AnalysedText(string text, string language = "und")
{
    private List<string>? _cased, _lower;
    private List<NamedFeature>? _features;
    private int _featureBits;

    public string Text => text;

    /// <summary>"en", "fi", or "und" until a detector has said; the lexicon reads it.</summary>
    public string Language { get; set; } = language;

    /// <summary>Tokens with their case, for emphasis (ALL CAPS).</summary>
    public IReadOnlyList<string> CasedTokens => _cased ??= Tokenizer.TokenizeKeepCase(text);

    public IReadOnlyList<string> Tokens => _lower ??= CasedTokens.Select(t => t.ToLowerInvariant()).ToList();

    /// <summary>The lexicon's reading, once per language.</summary>
    internal LexiconReading? Lexicon { get; set; }
    internal string? LexiconLanguage { get; set; }

    /// <summary>Hashed n-grams at the featuriser's size; trained models of the same size share them.</summary>
    public IReadOnlyList<NamedFeature> Features(TextFeaturizer featurizer)
    {
        if (_features is null || _featureBits != featurizer.Bits)
        {
            _features = featurizer.Named(text);
            _featureBits = featurizer.Bits;
        }
        return _features;
    }
}
