using SocialCrm.Scoring.Lexicons;
using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Sentiment;

/// <summary>
/// The baseline every trained sentiment model must beat: a VADER-style lexicon sum (Hutto &amp; Gilbert 2014)
/// with negation, boosters, ALL-CAPS and exclamation emphasis, normalised to -1..+1 by x / sqrt(x² + 15).
/// Finnish uses AFINN-fi with prefix matching, since its keys are single inflected forms. Emoji count in any
/// language, from the Emoji Sentiment Ranking (Kralj Novak et al. 2015).
/// </summary>
/// <summary>The baseline's score with the positive and negative valence sums and how many lexicon words it found.</summary>
public sealed record LexiconReading(SentimentResult Result, double Positive, double Negative, int Words);

public sealed class LexiconSentimentBaseline : ISentimentScorer
{
    private static readonly HashSet<string> Negations =
    [
        "not", "no", "never", "nothing", "nobody", "none", "neither", "nor", "cannot", "can't", "don't", "doesn't", "didn't",
        "isn't", "wasn't", "aren't", "won't", "wouldn't", "shouldn't", "couldn't", "haven't", "hasn't", "without",
        "ei", "en", "et", "emme", "ette", "eivät", "eikä", "ilman",
    ];

    private static readonly Dictionary<string, double> Boosters = new()
    {
        ["very"] = 0.293, ["really"] = 0.293, ["so"] = 0.293, ["extremely"] = 0.293, ["totally"] = 0.293, ["absolutely"] = 0.293,
        ["incredibly"] = 0.293, ["super"] = 0.293, ["completely"] = 0.293, ["barely"] = -0.293, ["slightly"] = -0.293,
        ["somewhat"] = -0.293, ["todella"] = 0.293, ["tosi"] = 0.293, ["erittäin"] = 0.293, ["aivan"] = 0.293, ["hieman"] = -0.293,
    };

    public string ModelName => "baseline-lexicon-1";

    public SentimentResult Score(AnalysedText text) => Analyse(text).Result;

    /// <summary>The score with the sums behind it: trained models use these as features. Read once per text and language.</summary>
    public LexiconReading Analyse(AnalysedText text)
    {
        if (text.Lexicon is { } known && text.LexiconLanguage == text.Language) return known;
        text.Lexicon = Read(text.CasedTokens, text.Tokens, text.Language);
        text.LexiconLanguage = text.Language;
        return text.Lexicon;
    }

    private static LexiconReading Read(IReadOnlyList<string> tokens, IReadOnlyList<string> lower, string language)
    {
        var finnish = language == "fi";
        var lexicon = finnish ? LexiconResources.Finnish : LexiconResources.Vader;
        var anyLower = tokens.Any(t => t.Any(char.IsLower));
        // Words and valences only; the text of a reason is built for the three that are told.
        var contributions = new List<(string Word, double Valence)>();
        double sum = 0, positive = 0, negative = 0;
        var exclamations = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var raw = tokens[i];
            var word = lower[i];
            if (word == "!") exclamations++;
            var valence = Lookup(lexicon, word, finnish) ?? (finnish ? Lookup(LexiconResources.Vader, word, false) : null)
                ?? (IsEmoji(word) && LexiconResources.Emoji.TryGetValue(word, out var emoji) ? emoji : null);
            if (valence is null) continue;
            var v = valence.Value;
            if (anyLower && raw.Length > 1 && IsShouted(raw)) v += Math.Sign(v) * 0.733;
            for (var back = 1; back <= 3 && i - back >= 0; back++)
            {
                var prev = lower[i - back];
                if (Tokenizer.IsBoundary(prev)) break;
                if (Boosters.TryGetValue(prev, out var boost)) v += Math.Sign(v) * boost * (back == 1 ? 1 : back == 2 ? 0.95 : 0.9);
                if (Negations.Contains(prev) || prev.EndsWith("n't", StringComparison.Ordinal)) { v *= -0.74; break; }
            }
            sum += v;
            if (v > 0) positive += v; else negative -= v;
            contributions.Add((word, v));
        }
        exclamations = Math.Min(exclamations, 4);
        if (sum != 0) sum += Math.Sign(sum) * exclamations * 0.292;
        var score = sum / Math.Sqrt(sum * sum + 15);
        var reasons = contributions.Count == 0 ? [] : contributions.OrderByDescending(c => Math.Abs(c.Valence)).Take(3)
            .Select(c => new Explanation($"{(c.Valence < 0 ? "negative" : "positive")}: '{c.Word}'", c.Valence)).ToList();
        return new LexiconReading(new SentimentResult(SentimentResult.LabelFor(score), Math.Round(score, 4), reasons), positive, negative, contributions.Count);
    }

    /// <summary>ALL CAPS: letters, all upper case (emphasis, when the rest of the post is not shouted too).</summary>
    private static bool IsShouted(string raw)
    {
        var letters = false;
        foreach (var c in raw)
        {
            if (!char.IsLetter(c)) continue;
            if (!char.IsUpper(c)) return false;
            letters = true;
        }
        return letters;
    }

    private static double? Lookup(Dictionary<string, double> lexicon, string word, bool prefixMatch)
    {
        if (lexicon.TryGetValue(word, out var v)) return v;
        if (!prefixMatch || word.Length < 5) return null;
        // Finnish inflects by suffix: try the longest known form that the word starts with ("rikki" in "rikkinäinen"),
        // looked up by span so that no prefix string is built.
        var spans = lexicon.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var len = word.Length - 1; len >= 4; len--)
            if (spans.TryGetValue(word.AsSpan(0, len), out v)) return v;
        return null;
    }

    /// <summary>Only a symbol token can be an emoji: the lookup is skipped for words (it cost the baseline 3 µs a post).</summary>
    private static bool IsEmoji(string token) => char.IsSurrogate(token[0]) || char.GetUnicodeCategory(token[0]) == System.Globalization.UnicodeCategory.OtherSymbol;
}
