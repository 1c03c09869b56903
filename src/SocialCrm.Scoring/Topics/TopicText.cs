using System.Reflection;
using Lucene.Net.Analysis.Fi;
using Lucene.Net.Analysis.Snowball;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;
using Lucene.Net.Util;
using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Topics;

/// <summary>A term of a post for topic discovery: its stemmed key ("arriv broken") and the words as written ("arrived broken").</summary>
public readonly record struct TopicTerm(string Key, string Surface, bool IsPhrase);

/// <summary>
/// What a post is about, as terms: its words without the Snowball stop words of English and Finnish, stemmed by the
/// Snowball stemmer of its language (Lucene.Net's), and each pair of neighbouring words as a phrase. Also the product
/// names it mentions (runs of capitalised words) and whether a term is about an order.
/// </summary>
public static class TopicText
{
    private static readonly HashSet<string> StopWords = LoadStopWords();

    // Order-related words (stems) in both languages: a topic naming them is about orders, deliveries, payments or returns.
    private static readonly HashSet<string> OrderStems = new(StringComparer.Ordinal)
    {
        "order", "deliveri", "deliv", "ship", "shipment", "parcel", "packag", "courier", "track", "refund", "return", "invoic",
        "charg", "payment", "paid", "receipt", "tilaus", "tilauks", "toimitus", "toimituks", "paket", "palautus", "palauttu",
        "hyvitys", "lasku", "veloit", "maksu", "kuriir", "seurant",
    };

    [ThreadStatic] private static EnglishStemmer? _english;
    [ThreadStatic] private static FinnishStemmer? _finnish;

    public static bool IsStopWord(string word) => StopWords.Contains(word);

    /// <summary>True when any word of a term's key is an order-related stem.</summary>
    public static bool IsOrderTerm(string key) => key.Split(' ').Any(OrderStems.Contains);

    public static List<TopicTerm> Terms(string text, string? language)
    {
        var terms = new List<TopicTerm>();
        string? previousKey = null, previousSurface = null;
        foreach (var token in Tokenizer.Tokenize(text))
        {
            if (!IsTopicalWord(token))
            {
                previousKey = previousSurface = null;   // a stop word, number or punctuation breaks a phrase
                continue;
            }
            var key = Stem(token, language);
            terms.Add(new TopicTerm(key, token, false));
            if (previousKey is not null) terms.Add(new TopicTerm(previousKey + " " + key, previousSurface + " " + token, true));
            (previousKey, previousSurface) = (key, token);
        }
        return terms;
    }

    /// <summary>The stemmed keys of a phrase's topical words (a product name's, say).</summary>
    public static IEnumerable<string> Keys(string text, string? language) =>
        Tokenizer.Tokenize(text).Where(IsTopicalWord).Select(w => Stem(w, language));

    /// <summary>
    /// Product names as written: two or more capitalised words in a row, a model number allowed at the end
    /// ("Handcrafted Granite Chair", "AeroBlend 3000"), leading stop words ("My") left out.
    /// </summary>
    public static List<string> ProductMentions(string text)
    {
        var found = new List<string>();
        var run = new List<string>();
        void Close()
        {
            while (run.Count > 0 && IsStopWord(run[0].ToLowerInvariant())) run.RemoveAt(0);
            if (run.Count >= 2 && run.Count(w => char.IsUpper(w[0])) >= 1) found.Add(string.Join(' ', run));
            run.Clear();
        }
        foreach (var token in Tokenizer.TokenizeKeepCase(text))
        {
            if (token.Length > 1 && char.IsUpper(token[0]) && token.Any(char.IsLetter)) run.Add(token);
            else if (run.Count > 0 && token.All(char.IsDigit)) { run.Add(token); Close(); }
            else Close();
        }
        Close();
        return found;
    }

    private static bool IsTopicalWord(string token) =>
        token.Length >= 3 && token.Any(char.IsLetter) && token.All(c => char.IsLetterOrDigit(c) || c == '\'') && !StopWords.Contains(token);

    private static string Stem(string word, string? language)
    {
        SnowballProgram stemmer = language == "fi" ? _finnish ??= new FinnishStemmer() : _english ??= new EnglishStemmer();
        stemmer.SetCurrent(word);
        stemmer.Stem();
        return stemmer.Current;
    }

    private static HashSet<string> LoadStopWords()
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in FinnishAnalyzer.DefaultStopSet) words.Add(word.ToString()!);
        using (var stream = typeof(SnowballFilter).GetTypeInfo().Assembly.GetManifestResourceStream("Lucene.Net.Analysis.Common.Analysis.Snowball.english_stop.txt")
            ?? throw new InvalidOperationException("Lucene.Net's English stop words are missing"))
        using (var reader = new StreamReader(stream))
            foreach (var word in WordlistLoader.GetSnowballWordSet(reader, LuceneVersion.LUCENE_48)) words.Add(word.ToString()!);
        // Words every social post has that say nothing about its matter.
        foreach (var word in new[] { "brand", "just", "get", "got", "one", "two", "also", "can", "will", "would", "really", "please", "amp",
                     "tosi", "ihan", "vielä", "taas", "kiitos", "thanks", "thank", "today", "now" })
            words.Add(word);
        return words;
    }
}
