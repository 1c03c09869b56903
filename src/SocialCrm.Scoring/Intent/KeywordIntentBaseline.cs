using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Intent;

/// <summary>
/// The baseline intent classifier: keyword and phrase votes in English and Finnish. Finnish keywords match as
/// prefixes, so inflected forms count ("rikki" matches "rikkinäinen"). Ties go complaint, request, question, praise.
/// </summary>
public sealed class KeywordIntentBaseline : IIntentClassifier
{
    private static readonly (string Label, string[] Cues)[] Rules =
    [
        (IntentResult.Complaint, [
            "broken", "not working", "doesn't work", "does not work", "worst", "terrible", "awful", "refund", "still waiting",
            "never arrived", "hasn't arrived", "cancel", "disappointed", "unacceptable", "ridiculous", "useless", "complaint",
            "charged twice", "overcharged", "late", "delayed", "missing", "rude", "scam", "crashed", "error", "fix",
            "rikki", "ei toimi", "huono", "surkea", "palautus", "hyvitys", "odottanut", "reklamaatio", "valitus", "myöhässä",
            "peruutan", "pettynyt", "kamala", "virhe", "kadonnut", "veloitettiin", "kaatuu",
        ]),
        (IntentResult.Request, [
            "please", "could you", "can you", "i want", "i need", "i'd like", "i would like", "send me", "change my", "update my",
            "call me", "dm me", "add", "upgrade", "voisitteko", "voitteko", "haluaisin", "haluan", "pyydän", "lähettäkää",
            "tarvitsen", "vaihtaa", "päivittää", "soittakaa", "lisätä",
        ]),
        (IntentResult.Question, [
            "?", "how do", "how can", "how to", "when will", "when is", "where is", "where can", "why is", "why does", "what is",
            "is there", "does anyone", "can i", "do you", "miten", "milloin", "missä", "miksi", "onko", "voiko", "kuinka", "mitä",
            "saako", "mistä",
        ]),
        (IntentResult.Praise, [
            "thank", "thanks", "love", "great", "awesome", "amazing", "excellent", "best", "perfect", "fantastic", "well done",
            "brilliant", "happy", "kudos", "<3", "kiitos", "kiitti", "mahtava", "loistava", "ihana", "paras", "upea", "hieno",
            "tyytyväinen", "rakastan", "huippu",
        ]),
    ];

    /// <summary>
    /// The cues by their first word. A cue matches at the start of a token; its last word may end inside the token, so
    /// "thank" finds "thanks" and Finnish "rikki" finds "rikkinäinen", while its earlier words must be whole tokens.
    /// </summary>
    private static readonly Dictionary<string, List<(int Rule, string Cue, string[] Words)>> ByFirstWord = IndexCues();
    private static readonly Dictionary<string, List<(int Rule, string Cue, string[] Words)>>.AlternateLookup<ReadOnlySpan<char>> ByPrefix =
        ByFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();

    private static Dictionary<string, List<(int, string, string[])>> IndexCues()
    {
        var index = new Dictionary<string, List<(int, string, string[])>>(StringComparer.Ordinal);
        for (var r = 0; r < Rules.Length; r++)
            foreach (var cue in Rules[r].Cues)
            {
                var words = cue.Split(' ');
                var key = words[0];
                if (!index.TryGetValue(key, out var list)) index[key] = list = [];
                list.Add((r, cue, words));
            }
        return index;
    }

    public string ModelName => "baseline-keywords-1";

    public IntentResult Classify(AnalysedText text)
    {
        var best = (Label: IntentResult.Other, Cues: (List<string>?)null);
        foreach (var (label, hits) in Hits(text))
            if (hits.Count > (best.Cues?.Count ?? 0)) best = (label, hits);
        if (best.Cues is null) return new IntentResult(IntentResult.Other, 0.4, []);
        var confidence = Math.Round(1 - Math.Exp(-best.Cues.Count), 3);
        return new IntentResult(best.Label, confidence, best.Cues.Take(3).Select(c => new Explanation($"{best.Label}: '{c}'", 1)).ToList());
    }

    /// <summary>How many cues of each intent the text has (complaint, request, question, praise): the trained model's dense features.</summary>
    public static (string Label, int Votes)[] Votes(AnalysedText text)
    {
        var hits = Hits(text);
        var votes = new (string, int)[hits.Count];
        for (var r = 0; r < hits.Count; r++) votes[r] = (hits[r].Label, hits[r].Cues.Count);
        return votes;
    }

    private static List<(string Label, List<string> Cues)> Hits(AnalysedText text)
    {
        var result = new List<(string Label, List<string> Cues)>(Rules.Length);
        foreach (var rule in Rules) result.Add((rule.Label, []));
        var tokens = text.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            for (var length = 1; length <= token.Length; length++)
            {
                if (!ByPrefix.TryGetValue(token.AsSpan(0, length), out var cues)) continue;
                foreach (var (rule, cue, words) in cues)
                    if (Matches(tokens, i, words, length) && !result[rule].Item2.Contains(cue)) result[rule].Item2.Add(cue);
            }
        }
        return result;
    }

    /// <summary>The cue's words at token i: the first is a prefix of length firstLength, so whole only when the cue goes on.</summary>
    private static bool Matches(IReadOnlyList<string> tokens, int i, string[] words, int firstLength)
    {
        if (words.Length == 1) return true;
        if (firstLength != tokens[i].Length || i + words.Length > tokens.Count) return false;
        for (var w = 1; w < words.Length - 1; w++)
            if (tokens[i + w] != words[w]) return false;
        return tokens[i + words.Length - 1].StartsWith(words[^1], StringComparison.Ordinal);
    }
}
