using System.Globalization;

namespace SocialCrm.Domain.Text;

/// <summary>
/// The one rule for text that enters SocialCrm. A NUL character cannot be stored in PostgreSQL text and means nothing
/// in a post; a lone surrogate (half of a character) is not Unicode text and fails in every provider and serialiser.
/// What a person sends through the API is refused with a 400 naming the field (<see cref="Problem"/>); what a
/// platform has already accepted from its users is cleaned (<see cref="Clean"/>: NUL removed, a lone surrogate
/// replaced by U+FFFD), since refusing it would only make the platform retry. Long text is cut on a character
/// boundary (<see cref="Cut"/>), never through a surrogate pair, a combining mark or an emoji sequence.
/// </summary>
public static class TextRules
{
    public const string NulProblem = "contains a NUL character (\\u0000), which no text may hold";
    public const string SurrogateProblem = "holds half of a character (an unpaired surrogate such as \\ud800), which is not valid Unicode text";
    public const string Utf8Problem = "is not valid UTF-8 text";

    /// <summary>Why the text cannot be taken, in words; null when it can.</summary>
    public static string? Problem(string? text)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return NulProblem;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return SurrogateProblem;
        }
        return null;
    }

    /// <summary>NUL removed and every lone surrogate replaced by U+FFFD; the same string when there is nothing to clean.</summary>
    public static string Clean(string text)
    {
        if (Problem(text) is null) return text;
        var clean = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) clean.Append(c).Append(text[++i]);
            else clean.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return clean.ToString();
    }

    /// <summary>At most <paramref name="max"/> UTF-16 units, cut between whole characters as a reader sees them (grapheme clusters).</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var length = 0;
        while (length < text.Length)
        {
            var next = StringInfo.GetNextTextElementLength(text, length);
            if (length + next > max) break;
            length += next;
        }
        return text[..length];
    }
}
