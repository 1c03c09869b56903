using System.Text.RegularExpressions;

namespace SocialCrm.Stages.Act.Notes;

/// <summary>The @names in a note: "@demo-agent can you look?" mentions demo-agent. An e-mail address is not a mention.</summary>
public static partial class Mentions
{
    [GeneratedRegex(@"(?<![\w@.])@([A-Za-z0-9][A-Za-z0-9._-]{0,63})", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static IReadOnlyList<string> In(string text) =>
        [.. Pattern().Matches(text).Select(m => m.Groups[1].Value.TrimEnd('.', '-', '_')).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
}
