namespace SocialCrm.Stages.Search;

/// <summary>A piece of a found text; Match marks the words that were searched for.</summary>
public sealed record TextPart(string Text, bool Match);

/// <summary>
/// Marks where the searched words occur in a text (case-insensitively; the last word as a prefix, as it is searched)
/// and cuts a long text to the part around the first match. Done here rather than by the store, so SQLite and
/// PostgreSQL highlight alike.
/// </summary>
public static class Highlight
{
    public static IReadOnlyList<TextPart> Of(string text, SearchTerms terms, int around = 80)
    {
        var spans = new List<(int Start, int Length)>();
        for (var i = 0; i < terms.Words.Count; i++)
        {
            var word = terms.Words[i];
            var prefix = terms.MarksPrefix(i);
            for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.OrdinalIgnoreCase))
            {
                // A whole word, or its start for the last word: "order" is not marked inside "border".
                if (at > 0 && char.IsLetterOrDigit(text[at - 1])) continue;
                var end = at + word.Length;
                if (prefix) while (end < text.Length && char.IsLetterOrDigit(text[end])) end++;
                else if (end < text.Length && char.IsLetterOrDigit(text[end])) continue;
                spans.Add((at, end - at));
            }
        }
        spans = [.. spans.OrderBy(s => s.Start)];
        var from = 0;
        var to = text.Length;
        if (text.Length > around * 3 && spans.Count > 0)
        {
            from = Math.Max(0, spans[0].Start - around);
            to = Math.Min(text.Length, spans[0].Start + around * 2);
        }
        var parts = new List<TextPart>();
        if (from > 0) parts.Add(new("…", false));
        var cursor = from;
        foreach (var (start, length) in spans)
        {
            if (start < cursor || start >= to) continue;
            if (start > cursor) parts.Add(new(text[cursor..start], false));
            var end = Math.Min(start + length, to);
            parts.Add(new(text[start..end], true));
            cursor = end;
        }
        if (cursor < to) parts.Add(new(text[cursor..to], false));
        if (to < text.Length) parts.Add(new("…", false));
        return parts;
    }
}
