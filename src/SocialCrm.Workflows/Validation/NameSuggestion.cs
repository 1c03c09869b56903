namespace SocialCrm.Workflows.Validation;

/// <summary>The "did you mean" of every name check: workflow variables and settings, and the settings API.</summary>
public static class NameSuggestion
{
    /// <summary>"; did you mean 'x'?" for the nearest candidate within a few edits (Levenshtein), or nothing.</summary>
    public static string Suggest(string name, IEnumerable<string> candidates)
    {
        var best = candidates.Select(c => (Name: c, Distance: Quickenshtein.Levenshtein.GetDistance(name, c))).OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, name.Length / 4) ? $"; did you mean '{best.Name}'?" : "";
    }
}
