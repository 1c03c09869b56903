using System.Runtime.InteropServices;
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
    /// <summary>The size the trained text models share, so that a post is featurised once for all of them.</summary>
    public const int SharedBits = 16;

    public int Bits => bits;
    public int Dimension => 1 << bits;

    /// <summary>A link (first, so that an @ inside one stays part of it) or a mention.</summary>
    [GeneratedRegex(@"(?i:https?://\S+|www\.\S+)|@\w+")]
    private static partial Regex UrlOrMention();

    [GeneratedRegex(@"[:;=8][\-o']?[()\[\]dDpP/\\|*]|<3|\p{L}[\p{L}\p{N}'’]*|\p{N}+([.,]\p{N}+)?|[!?]+|\p{So}|\p{Cs}{2}")]
    private static partial Regex Token();

    public static IReadOnlyList<string> Tokens(string text)
    {
        var cleaned = UrlOrMention().Replace(text, m => m.ValueSpan[0] == '@' ? " <user> " : " <url> ").Replace('#', ' ');
        var tokens = new List<string>();
        Span<char> lower = stackalloc char[128];
        foreach (var m in Token().EnumerateMatches(cleaned))
        {
            var t = cleaned.AsSpan(m.Index, m.Length);
            if (char.IsDigit(t[0])) tokens.Add("<num>");
            else if (t[0] == '!' || t[0] == '?') tokens.Add(new string(t[..Math.Min(2, t.Length)]));
            else if (t.Length > lower.Length) tokens.Add(t.ToString().ToLowerInvariant());
            else tokens.Add(new string(lower[..t.ToLowerInvariant(lower)]));
        }
        if (cleaned.Contains("<url>", StringComparison.Ordinal)) tokens.Add("<url>");
        if (cleaned.Contains("<user>", StringComparison.Ordinal)) tokens.Add("<user>");
        return tokens;
    }

    public SparseVector Featurize(string text) => ToVector(Named(text));

    /// <summary>
    /// The features with their names ("w:broken", "b:not good"); character n-grams are hashed straight from the text
    /// and named only "c:" (they explain nothing to a person, and building their strings would cost most of the time).
    /// </summary>
    public List<NamedFeature> Named(string text)
    {
        var tokens = Tokens(text);
        // Sized for every word and word pair at once: growing it cost a sixth of a sentiment score (bench --scoring profile).
        var words = new Dictionary<string, int>(2 * tokens.Count, StringComparer.Ordinal);
        // Character n-grams are counted by sorting their buckets: cheaper than a dictionary for a post's hundred or so.
        var capacity = 0;
        foreach (var t in tokens) capacity += t.Length < 4 || t.Length > 64 ? 0 : 3 * t.Length + 3;
        var grams = capacity <= 1024 ? stackalloc int[capacity] : new int[capacity];
        var gramCount = 0;
        Span<char> padded = stackalloc char[66];
        for (var i = 0; i < tokens.Count; i++)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(words, "w:" + tokens[i], out _)++;
            if (i > 0) CollectionsMarshal.GetValueRefOrAddDefault(words, string.Concat("b:", tokens[i - 1], " ", tokens[i]), out _)++;
            var token = tokens[i];
            if (!characterNGrams || token.Length < 4 || token.Length > 64 || token[0] == '<') continue;
            padded[0] = '^';
            token.AsSpan().CopyTo(padded[1..]);
            padded[token.Length + 1] = '$';
            var length = token.Length + 2;
            for (var n = 3; n <= 5; n++)
                for (var s = 0; s + n <= length; s++)
                    grams[gramCount++] = FeatureHash.Bucket("c:", padded.Slice(s, n), bits);
        }
        grams = grams[..gramCount];
        grams.Sort();
        var features = new List<NamedFeature>(words.Count + gramCount);
        var sumOfSquares = 0.0;
        foreach (var (name, count) in words) Add(FeatureHash.Bucket(name, bits), count, name);
        for (var start = 0; start < grams.Length;)
        {
            var end = start + 1;
            while (end < grams.Length && grams[end] == grams[start]) end++;
            Add(grams[start], end - start, "c:");
            start = end;
        }
        var norm = Math.Sqrt(sumOfSquares);
        if (norm > 0)
        {
            var span = CollectionsMarshal.AsSpan(features);
            for (var i = 0; i < span.Length; i++) span[i] = span[i] with { Value = span[i].Value / norm };
        }
        return features;

        void Add(int index, int count, string name)
        {
            var value = count == 1 ? 1 : 1 + Math.Log(count);
            sumOfSquares += value * value;
            features.Add(new NamedFeature(index, value, name));
        }
    }

    public static SparseVector ToVector(IEnumerable<NamedFeature> features) => SparseVector.FromPairs(features.Select(f => (f.Index, f.Value)));
}
