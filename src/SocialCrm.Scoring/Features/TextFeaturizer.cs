using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SocialCrm.Scoring.Features;

/// <summary>A feature with the words that produced it, so a prediction can explain itself.</summary>
public readonly record struct NamedFeature(int Index, double Value, string Name);

/// <summary>
/// Hashed word unigrams and bigrams plus character 3- to 5-grams of social text. URLs, @mentions and numbers become
/// placeholder tokens, hashtags lose their '#', emoji and emoticons stay tokens, and character n-grams inside
/// words make inflected forms (Finnish "rikki", "rikkinäinen", "rikkoutui") share features.
/// Values are sublinear counts (1 + ln n), and the vector is L2-normalised.
/// </summary>
public sealed partial class TextFeaturizer(int bits = 18, bool characterNGrams = true)
{
    public int Bits => bits;
    public int Dimension => 1 << bits;

    [GeneratedRegex(@"https?://\S+|www\.\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Mention();

    [GeneratedRegex(@"[:;=8][\-o']?[()\[\]dDpP/\\|*]|<3|\p{L}[\p{L}\p{N}'’]*|\p{N}+([.,]\p{N}+)?|[!?]+|\p{So}|\p{Cs}{2}")]
    private static partial Regex Token();

    public static IReadOnlyList<string> Tokens(string text)
    {
        var cleaned = Mention().Replace(Url().Replace(text, " <url> "), " <user> ").Replace('#', ' ');
        var tokens = new List<string>();
        foreach (Match m in Token().Matches(cleaned))
        {
            var t = m.Value;
            if (char.IsDigit(t[0])) tokens.Add("<num>");
            else if (t[0] == '!' || t[0] == '?') tokens.Add(t.Length > 1 ? t[..2] : t);
            else tokens.Add(t.ToLower(CultureInfo.InvariantCulture));
        }
        if (cleaned.Contains("<url>", StringComparison.Ordinal)) tokens.Add("<url>");
        if (cleaned.Contains("<user>", StringComparison.Ordinal)) tokens.Add("<user>");
        return tokens;
    }

    public SparseVector Featurize(string text) => ToVector(Named(text));

    /// <summary>The features with their names ("w:broken", "b:not good", "c:rikk").</summary>
    public List<NamedFeature> Named(string text)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Add(string name) => counts[name] = counts.GetValueOrDefault(name) + 1;

        var tokens = Tokens(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            Add("w:" + tokens[i]);
            if (i > 0) Add($"b:{tokens[i - 1]} {tokens[i]}");
            if (!characterNGrams || tokens[i].Length < 4 || tokens[i][0] == '<') continue;
            var padded = "^" + tokens[i] + "$";
            for (var n = 3; n <= 5; n++)
                for (var s = 0; s + n <= padded.Length; s++)
                    Add("c:" + padded.Substring(s, n));
        }
        var features = counts.Select(kv => new NamedFeature(FeatureHash.Bucket(kv.Key, bits), 1 + Math.Log(kv.Value), kv.Key)).ToList();
        var norm = Math.Sqrt(features.Sum(f => f.Value * f.Value));
        return norm == 0 ? features : features.Select(f => f with { Value = f.Value / norm }).ToList();
    }

    public static SparseVector ToVector(IEnumerable<NamedFeature> features) => SparseVector.FromPairs(features.Select(f => (f.Index, f.Value)));
}
