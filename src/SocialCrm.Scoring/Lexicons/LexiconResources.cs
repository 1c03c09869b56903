using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace SocialCrm.Scoring.Lexicons;

/// <summary>The lexicons shipped inside this assembly (VADER for English, AFINN-fi for Finnish), loaded once.</summary>
public static class LexiconResources
{
    private static readonly Lazy<Dictionary<string, double>> VaderLazy = new(LoadVader);
    private static readonly Lazy<Dictionary<string, double>> FinnishLazy = new(LoadFinnish);

    /// <summary>English words and emoticons, valence -4..+4.</summary>
    public static Dictionary<string, double> Vader => VaderLazy.Value;

    /// <summary>Finnish forms, valence rescaled from -5..+5 to the VADER range.</summary>
    public static Dictionary<string, double> Finnish => FinnishLazy.Value;

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
