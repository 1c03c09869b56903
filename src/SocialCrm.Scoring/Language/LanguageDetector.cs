using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Language;

public interface ILanguageDetector
{
    /// <summary>An ISO 639-1 code ("en", "fi") or "und" when the text gives too little to tell.</summary>
    string Detect(AnalysedText text);
}

public static class LanguageDetectorExtensions
{
    public static string Detect(this ILanguageDetector detector, string text) => detector.Detect(new AnalysedText(text));
}

/// <summary>Stop-word votes plus Finnish letters (ä, ö) and vowel harmony pairs; enough for English and Finnish.</summary>
public sealed class StopwordLanguageDetector : ILanguageDetector
{
    private static readonly HashSet<string> English =
    [
        "the", "and", "is", "are", "to", "of", "my", "you", "your", "it", "not", "this", "that", "for", "with", "was", "have",
        "has", "i", "me", "we", "a", "an", "in", "on", "why", "how", "what", "when", "where", "please", "thanks", "thank",
        "still", "can", "do", "does", "did", "no", "yes", "but", "so", "just", "be", "been", "will", "order", "service",
    ];

    private static readonly HashSet<string> Finnish =
    [
        "ja", "on", "ei", "se", "että", "mutta", "kiitos", "minun", "minä", "mä", "teidän", "te", "ole", "olen", "oli", "tämä",
        "tää", "kun", "jos", "miksi", "miten", "milloin", "missä", "onko", "voiko", "voisitteko", "vielä", "nyt", "jo", "kanssa",
        "myös", "hyvä", "huono", "tilaus", "tilaukseni", "palvelu", "asiakaspalvelu", "toimi", "kuinka", "mitä", "ollut", "olisi",
        "sitä", "siitä", "kiitti", "moi", "hei", "en", "et", "me", "he", "niin", "vaan", "koska", "taas", "paljon",
    ];

    public string Detect(AnalysedText text)
    {
        var tokens = text.Tokens;
        double en = 0, fi = 0;
        foreach (var t in tokens)
        {
            if (English.Contains(t)) en += 1;
            if (Finnish.Contains(t)) fi += 1;
            if (t.Contains('ä') || t.Contains('ö')) fi += 0.7;
            if (t.Length > 6 && (t.EndsWith("ssa") || t.EndsWith("ssä") || t.EndsWith("sta") || t.EndsWith("llä") || t.EndsWith("lla") || t.EndsWith("ksi") || t.EndsWith("nen"))) fi += 0.5;
            if (t.EndsWith("ing") || t.EndsWith("ed") || t.Contains("th") || t.Contains('w')) en += 0.3;
        }
        if (en == 0 && fi == 0) return "und";
        return fi > en ? "fi" : "en";
    }
}
