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

    // The cues as matched: a leading space anchors a cue to the start of a word.
    private static readonly (string Label, (string Cue, string Pattern)[] Cues)[] Patterns =
        Rules.Select(r => (r.Label, r.Cues.Select(c => (c, c is "?" or "<3" ? c : " " + c)).ToArray())).ToArray();

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
    public static (string Label, int Votes)[] Votes(AnalysedText text) => Hits(text).Select(h => (h.Label, h.Cues.Count)).ToArray();

    private static List<(string Label, List<string> Cues)> Hits(AnalysedText text)
    {
        var lower = " " + string.Join(' ', text.Tokens) + " ";
        var result = new List<(string, List<string>)>(Patterns.Length);
        foreach (var (label, cues) in Patterns)
        {
            var hits = new List<string>();
            foreach (var (cue, pattern) in cues)
                if (lower.Contains(pattern, StringComparison.Ordinal)) hits.Add(cue);
            result.Add((label, hits));
        }
        return result;
    }
}
