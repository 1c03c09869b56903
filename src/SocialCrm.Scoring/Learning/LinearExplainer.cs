using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Learning;

/// <summary>
/// Why a linear text model chose a class: the features that pushed most towards it, against the average class.
/// Character n-grams move scores too but mean nothing to an agent, so only words and word pairs are named.
/// </summary>
public static class LinearExplainer
{
    /// <summary>Words that carry grammar, not meaning: a model may lean on them, but "complaint: 'and'" tells an agent nothing.</summary>
    private static readonly HashSet<string> FunctionWords =
    [
        "the", "a", "an", "and", "or", "is", "are", "was", "be", "to", "of", "in", "on", "at", "for", "with", "my", "your", "it", "its",
        "this", "that", "i", "me", "we", "you", "so", "as", "by",
        "ja", "on", "se", "että", "oli", "ole", "olen", "tämä", "tää", "kun", "jos", "niin", "mä", "mun", "minä", "minun", "te", "me", "sen", "kanssa",
    ];

    private static bool Tells(string name)
    {
        var words = name.AsSpan(2);
        foreach (var range in words.Split(' '))
            if (!FunctionWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(words[range])) return true;
        return false;
    }

    public static double Push(LinearModel model, int predicted, NamedFeature feature) => model.Lead(predicted, feature.Index) * feature.Value;

    /// <summary>
    /// "label: 'still broken'" for the word and word-pair features that pushed most, with their push. Only the few
    /// that can make the top get their words built: a post has dozens of features, and building text is the dear part.
    /// </summary>
    public static IEnumerable<Explanation> WordPushes(LinearModel model, int predicted, IReadOnlyList<NamedFeature> named, string label, int count = 3)
    {
        var top = new List<(double Push, string Name)>(count + 1);
        foreach (var f in named)
        {
            if (!f.Name.StartsWith("w:", StringComparison.Ordinal) && !f.Name.StartsWith("b:", StringComparison.Ordinal)) continue;
            var push = Push(model, predicted, f);
            if (push > 0 && !Tells(f.Name)) continue;
            if (push <= 0 || (top.Count == count + 1 && push <= top[^1].Push)) continue;
            var at = top.FindIndex(t => t.Push < push);
            top.Insert(at < 0 ? top.Count : at, (push, f.Name));
            if (top.Count > count + 1) top.RemoveAt(top.Count - 1); // one spare, for a name that appears twice
        }
        return top.Select(t => new Explanation($"{label}: {Words(t.Name[2..])}", Math.Round(t.Push, 3)));
    }

    /// <summary>The strongest positive pushes, one per reason (a reason named twice adds up).</summary>
    public static List<Explanation> Top(IEnumerable<Explanation> pushes, int count = 3)
    {
        var merged = new List<Explanation>();
        foreach (var e in pushes)
        {
            if (e.Weight <= 0) continue;
            var at = merged.FindIndex(m => m.Reason == e.Reason);
            if (at < 0) merged.Add(e);
            else merged[at] = merged[at] with { Weight = merged[at].Weight + e.Weight };
        }
        merged.Sort((a, b) => b.Weight.CompareTo(a.Weight));
        return merged.Count > count ? merged[..count] : merged;
    }

    /// <summary>A feature's words as an agent reads them: placeholders and punctuation said in words.</summary>
    public static string Words(string feature) => feature.AsSpan().IndexOfAny("<?!") < 0 ? $"'{feature}'" : string.Join(" ", feature.Split(' ').Select(t => t switch
    {
        "<num>" => "a number",
        "<url>" => "a link",
        "<user>" => "a mention",
        "?" or "??" => "a question mark",
        "!" or "!!" => "an exclamation mark",
        _ => t,
    })) is var words && words == feature ? $"'{feature}'" : words;
}
