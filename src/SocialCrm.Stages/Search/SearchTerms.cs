using System.Text.RegularExpressions;

namespace SocialCrm.Stages.Search;

/// <summary>
/// What a person typed, as the words a full-text index can look up: letters and digits, with the characters handles,
/// e-mail addresses and order numbers carry inside them (aino@example.com, mika_v, 55-123). Nothing of the index's own
/// query syntax gets through, so any input is safe to search for. The last word also matches as a prefix
/// ("virt" finds Virtanen), as a search box should while one types.
/// </summary>
public sealed partial record SearchTerms(IReadOnlyList<string> Words, IReadOnlyList<string> AsTyped)
{
    public const int MaxWords = 8, MaxWordLength = 64;

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[@._+\-'][\p{L}\p{N}]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    public static SearchTerms Parse(string? query)
    {
        var typed = Word().Matches(query ?? "").Select(m => m.Value).Where(w => w.Length <= MaxWordLength).Take(MaxWords).ToList();
        return new([.. typed.Select(w => w.ToLowerInvariant()).Distinct()], typed);
    }

    /// <summary>The words as typed, and in capitals: an order number is looked up exactly ("so-448812" finds SO-448812).</summary>
    public IReadOnlyList<string> Exact => [.. AsTyped.Concat(AsTyped.Select(w => w.ToUpperInvariant())).Concat(Words).Distinct()];

    public bool IsEmpty => Words.Count == 0;

    /// <summary>
    /// The last word is also a prefix when it is a word being typed; a number or code (55123, SO-448812, C-7781) is
    /// matched whole: as a prefix it would match every longer number.
    /// </summary>
    private bool Prefix(int i) => i == Words.Count - 1 && !Words[i].Any(char.IsDigit);

    /// <summary>SQLite FTS5: every word quoted (its syntax cannot leak in), all required, the last as a prefix.</summary>
    public string Fts5() => string.Join(" ", Words.Select((w, i) => $"\"{w.Replace("\"", "")}\"" + (Prefix(i) ? "*" : "")));

    /// <summary>PostgreSQL to_tsquery: each word a quoted lexeme, all required, the last as a prefix.</summary>
    public string TsQuery() => string.Join(" & ", Words.Select((w, i) => $"'{w.Replace("'", "''")}'" + (Prefix(i) ? ":*" : "")));

    /// <summary>Whether a word is marked where it is only the start of a longer one.</summary>
    public bool MarksPrefix(int i) => Prefix(i);
}
