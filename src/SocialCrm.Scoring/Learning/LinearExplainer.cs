using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Learning;

/// <summary>
/// Why a linear text model chose a class: the features that pushed most towards it, against the average class.
/// Character n-grams move scores too but mean nothing to an agent, so only words and word pairs are named.
/// </summary>
public static class LinearExplainer
{
    public static double Push(LinearModel model, int predicted, NamedFeature feature)
    {
        var mean = 0.0;
        for (var c = 0; c < model.Outputs; c++) mean += model.Weight(c, feature.Index);
        return (model.Weight(predicted, feature.Index) - mean / model.Outputs) * feature.Value;
    }

    /// <summary>"label: 'still broken'" for each word or word-pair feature, with its push.</summary>
    public static IEnumerable<Explanation> WordPushes(LinearModel model, int predicted, IReadOnlyList<NamedFeature> named, string label)
    {
        foreach (var f in named)
            if (f.Name.StartsWith("w:", StringComparison.Ordinal) || f.Name.StartsWith("b:", StringComparison.Ordinal))
                yield return new Explanation($"{label}: {Words(f.Name[2..])}", Math.Round(Push(model, predicted, f), 3));
    }

    /// <summary>The strongest positive pushes, one per reason.</summary>
    public static List<Explanation> Top(IEnumerable<Explanation> pushes, int count = 3) =>
        pushes.Where(e => e.Weight > 0).GroupBy(e => e.Reason).Select(g => g.First() with { Weight = g.Sum(e => e.Weight) })
            .OrderByDescending(e => e.Weight).Take(count).ToList();

    /// <summary>A feature's words as an agent reads them: placeholders and punctuation said in words.</summary>
    public static string Words(string feature) => string.Join(" ", feature.Split(' ').Select(t => t switch
    {
        "<num>" => "a number",
        "<url>" => "a link",
        "<user>" => "a mention",
        "?" or "??" => "a question mark",
        "!" or "!!" => "an exclamation mark",
        _ => t,
    })) is var words && words == feature ? $"'{feature}'" : words;
}
