using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace SocialCrm.Scoring.Lexicons;

/// <summary>The lexicons shipped inside this assembly (VADER for English, AFINN-fi for Finnish, the Emoji Sentiment Ranking), loaded once.</summary>
public static class LexiconResources
{
    private static readonly Lazy<Dictionary<string, double>> VaderLazy = new(LoadVader);
    private static readonly Lazy<Dictionary<string, double>> FinnishLazy = new(LoadFinnish);
    private static readonly Lazy<Dictionary<string, double>> EmojiLazy = new(LoadEmoji);

    /// <summary>An emoji needs this many labelled occurrences to count: rarer ones say more about their few tweets than about themselves.</summary>
    public const int EmojiMinimumOccurrences = 5;

    /// <summary>English words and emoticons, valence -4..+4.</summary>
    public static Dictionary<string, double> Vader => VaderLazy.Value;

    /// <summary>Finnish forms, valence rescaled from -5..+5 to the VADER range.</summary>
    public static Dictionary<string, double> Finnish => FinnishLazy.Value;

    /// <summary>
    /// Emoji in any language, valence on the VADER range: 4 × the Emoji Sentiment Ranking's score (share of positive
    /// minus share of negative occurrences, Laplace-smoothed as the ranking's authors do), for emoji seen at least
    /// <see cref="EmojiMinimumOccurrences"/> times. 😍 is +2.7, 😡 −0.7 (people also pout in jest), 💔 −0.5.
    /// </summary>
    public static Dictionary<string, double> Emoji => EmojiLazy.Value;

    private static Stream Open(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(name) ?? throw new InvalidOperationException($"lexicon {name} is not embedded");

    private static Dictionary<string, double> LoadVader()
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        using var reader = new StreamReader(Open("vader_lexicon.txt"));
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split('\t');
            if (parts.Length >= 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                map[parts[0]] = v;
        }
        return map;
    }

    private static Dictionary<string, double> LoadEmoji()
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        using var reader = new StreamReader(Open("emoji-sentiment.csv"));
        reader.ReadLine(); // Emoji,Unicode codepoint,Occurrences,Position,Negative,Neutral,Positive,Unicode name,Unicode block
        while (reader.ReadLine() is { } line)
        {
            // The name and block may hold commas of their own; the counts come first.
            var parts = line.Split(',');
            if (parts.Length < 7 || !int.TryParse(parts[2], out var occurrences) || occurrences < EmojiMinimumOccurrences) continue;
            if (!int.TryParse(parts[4], out var negative) || !int.TryParse(parts[6], out var positive)) continue;
            var codepoint = Convert.ToInt32(parts[1], 16);
            var score = (positive + 1.0) / (occurrences + 3) - (negative + 1.0) / (occurrences + 3);
            map[char.ConvertFromUtf32(codepoint)] = Math.Round(4 * score, 3);
        }
        return map;
    }

    private static Dictionary<string, double> LoadFinnish()
    {
        using var stream = Open("afinn-fi.json");
        var raw = JsonSerializer.Deserialize<Dictionary<string, double>>(stream) ?? [];
        // Some keys differ only in case; the later one wins.
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in raw) map[key.ToLowerInvariant()] = value * 0.8;
        return map;
    }
}
