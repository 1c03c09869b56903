using System.Globalization;
using System.Text.RegularExpressions;
using SocialCrm.Domain.Customers;

namespace SocialCrm.Domain.Templates;

/// <summary>What a template can say about the customer it is sent to.</summary>
public sealed record TemplateFacts(string Name, RelationshipStatus Status, double TenureDays, DateTime? LastCaseAt);

/// <summary>
/// The placeholders a reply template may use, checked when a template is saved and filled in when a reply is drafted:
/// {name}, {status} (the rung on the relationship ladder), {tenure} (how long they have been a customer) and
/// {lastCase} (the date of their previous case).
/// </summary>
public static partial class TemplatePlaceholders
{
    public const string Name = "name", Status = "status", Tenure = "tenure", LastCase = "lastCase";
    public static readonly string[] All = [Name, Status, Tenure, LastCase];

    public static string Describe(string placeholder) => placeholder switch
    {
        Name => "the customer's name",
        Status => "their rung on the relationship ladder (stranger, acquaintance, regular, friend)",
        Tenure => "how long they have been a customer (e.g. 3 months)",
        LastCase => "the date of their previous case (templates using it are picked only for customers with one)",
        _ => placeholder,
    };

    /// <summary>The placeholders a text uses, in order of first use.</summary>
    public static IReadOnlyList<string> Used(string text) => [.. Tokens(text).Where(t => t.Error is null).Select(t => t.Name!).Distinct()];

    /// <summary>Every problem with a text's placeholders, in words: an unknown name (with a suggestion) or a brace left open.</summary>
    public static IReadOnlyList<string> Check(string text)
    {
        var errors = new List<string>();
        foreach (var token in Tokens(text))
        {
            if (token.Error is not null) { errors.Add(token.Error); continue; }
            if (All.Contains(token.Name, StringComparer.Ordinal)) continue;
            var near = All.Where(p => p.Equals(token.Name, StringComparison.OrdinalIgnoreCase) || Quickenshtein.Levenshtein.GetDistance(p.ToLowerInvariant(), token.Name!.ToLowerInvariant()) <= 2).ToList();
            errors.Add($"{{{token.Name}}} is not a placeholder{(near.Count > 0 ? $"; did you mean {{{near[0]}}}?" : "")} (placeholders: {string.Join(", ", All.Select(p => $"{{{p}}}"))})");
        }
        return errors;
    }

    /// <summary>The text with each placeholder filled in; without a name on record, "Hi {name}," greets without one.</summary>
    public static string Render(string text, string language, TemplateFacts facts)
    {
        if (string.IsNullOrWhiteSpace(facts.Name))
            text = text.Replace(", {name}", "", StringComparison.Ordinal).Replace(" {name}", "", StringComparison.Ordinal);
        var fi = language == "fi";
        // One pass over the template, so a customer's name that itself looks like "{status}" is left as written.
        return Placeholder().Replace(text, m => m.Groups[1].Value switch
        {
            Name => facts.Name.Trim(),
            Status => StatusInWords(facts.Status, fi),
            Tenure => TenureInWords(facts.TenureDays, fi),
            _ => facts.LastCaseAt is { } at ? at.ToString(fi ? "d.M.yyyy" : "d MMMM yyyy", CultureInfo.InvariantCulture) : "",
        });
    }

    [GeneratedRegex(@"\{(name|status|tenure|lastCase)\}")]
    private static partial Regex Placeholder();

    public static string StatusInWords(RelationshipStatus status, bool finnish) => (status, finnish) switch
    {
        (RelationshipStatus.Acquaintance, false) => "acquaintance",
        (RelationshipStatus.Regular, false) => "regular",
        (RelationshipStatus.Friend, false) => "friend",
        (_, false) => "stranger",
        (RelationshipStatus.Acquaintance, true) => "tuttava",
        (RelationshipStatus.Regular, true) => "vakioasiakas",
        (RelationshipStatus.Friend, true) => "ystävä",
        _ => "uusi tuttavuus",
    };

    public static string TenureInWords(double days, bool finnish)
    {
        var (n, en, fiOne, fiMany) = days switch
        {
            < 1 => (0, "", "", ""),
            < 14 => ((int)days, "day", "päivän", "päivää"),
            < 61 => ((int)(days / 7), "week", "viikon", "viikkoa"),
            < 730 => ((int)(days / 30.44), "month", "kuukauden", "kuukautta"),
            _ => ((int)(days / 365.25), "year", "vuoden", "vuotta"),
        };
        if (n == 0) return finnish ? "vasta vähän aikaa" : "a short while";
        return finnish ? (n == 1 ? fiOne : $"{n} {fiMany}") : $"{n} {en}{(n == 1 ? "" : "s")}";
    }

    private sealed record Token(string? Name, string? Error);

    private static IEnumerable<Token> Tokens(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '}') { yield return new(null, $"a '}}' at character {i + 1} closes no placeholder"); continue; }
            if (text[i] != '{') continue;
            var end = text.IndexOfAny(['}', '{'], i + 1);
            if (end < 0 || text[end] == '{') { yield return new(null, $"the '{{' at character {i + 1} is not closed with '}}'"); continue; }
            // Not trimmed: "{ name }" is not filled in, so it is reported rather than sent as written.
            var name = text[(i + 1)..end];
            yield return name.Length == 0 ? new(null, $"an empty placeholder {{}} at character {i + 1}") : new(name, null);
            i = end;
        }
    }
}
