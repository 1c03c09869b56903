using System.Text.RegularExpressions;

namespace SocialCrm.Scoring.Text;

/// <summary>Splits social text into lower-cased tokens, keeping emoticons, emoji, hashtags' words and contractions.</summary>
public static partial class Tokenizer
{
    [GeneratedRegex(@"https?://\S+|www\.\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    // Emoji are tokens of their own: a character outside the Basic Multilingual Plane (a surrogate pair: most emoji) or a
    // BMP symbol (❤, ☺, ✌); their variation selectors and joiners are dropped, so "❤️" is "❤" and a family is its people.
    [GeneratedRegex(@"[:;=8xX][\-o']?[()\[\]dDpP/\\|*]|<3|[\p{L}\p{N}']+|[!?.,;:]|[\uD800-\uDBFF][\uDC00-\uDFFF]|\p{So}", RegexOptions.None)]
    private static partial Regex Token();

    /// <summary>Sentence punctuation: negation and boosters do not reach across it.</summary>
    public static bool IsBoundary(string token) => token is "." or "," or ";" or ":" or "!" or "?";

    public static List<string> Tokenize(string text)
    {
        var cleaned = Url().Replace(text, " ").Replace('#', ' ').Replace('@', ' ');
        return Token().Matches(cleaned).Select(m => m.Value.ToLowerInvariant()).ToList();
    }

    /// <summary>The original tokens, case kept, for emphasis (ALL CAPS) detection.</summary>
    public static List<string> TokenizeKeepCase(string text)
    {
        var cleaned = Url().Replace(text, " ").Replace('#', ' ').Replace('@', ' ');
        var tokens = new List<string>();
        foreach (var m in Token().EnumerateMatches(cleaned)) tokens.Add(cleaned.Substring(m.Index, m.Length));
        return tokens;
    }
}
