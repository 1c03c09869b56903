namespace SocialCrm.Scoring.Topics;

/// <summary>A post to group: its text, language ("en", "fi", "und") and when it was posted; its terms read once, however often it is grouped.</summary>
public sealed record TopicDocument(string Text, string? Language, DateTime At)
{
    private List<TopicTerm>? _terms;
    private List<string>? _products;

    public IReadOnlyList<TopicTerm> Terms => _terms ??= TopicText.Terms(Text, Language);

    public IReadOnlyList<string> Products => _products ??= TopicText.ProductMentions(Text);
}

public sealed record TopicDiscoveryOptions
{
    /// <summary>Fewest posts a topic has to be shown (or 0.05 % of the posts, if more).</summary>
    public int MinTopicSize { get; init; } = 5;

    public int MaxTopics { get; init; } = 40;

    /// <summary>Clusters the sampler starts with: more than the topics expected; those nobody chooses vanish.</summary>
    public int Clusters { get; init; } = 80;

    /// <summary>The sampler's priors: a cluster's pull by its size (alpha) and the weight of a word it has not seen (beta).</summary>
    public double Alpha { get; init; } = 0.1;

    public double Beta { get; init; } = 0.1;

    public int Iterations { get; init; } = 15;

    /// <summary>Sweeps when continuing from an earlier model's clusters.</summary>
    public int WarmIterations { get; init; } = 3;

    public int Seed { get; init; } = 42;

    /// <summary>Clusters whose distinctive words are at least this alike (cosine of their class-based TF-IDF) are one topic.</summary>
    public double MergeSimilarity { get; init; } = 0.2;
}

/// <summary>A discovered topic: its key (its most distinctive term's stem), the sampler's cluster it is (kept by a warm recomputation), label (its top phrases), terms, size, products and order terms.</summary>
public sealed record DiscoveredTopic(string Key, int Cluster, string Label, IReadOnlyList<string> Terms, int Size, IReadOnlyList<string> Products, IReadOnlyList<string> OrderTerms);

/// <summary>
/// Topics from the texts themselves: the Gibbs sampler for the Dirichlet multinomial mixture (GSDMM, Yin and Wang,
/// KDD 2014), made for short texts: each post belongs to one topic, a topic is a distribution over words, and the number
/// of topics comes out of the data (clusters nobody chooses empty out). Words are the posts' stemmed words without stop
/// words (TopicText); a topic is labelled by its most distinctive phrases (share of its posts that have the term times
/// the term's IDF). Seeded: the same posts give the same topics.
/// </summary>
public static class TopicDiscovery
{
    /// <param name="start">for each document, its cluster in an earlier model (<see cref="TopicModel.Clusters"/>) or -1 when new:
    /// the sampler continues from there for <see cref="TopicDiscoveryOptions.WarmIterations"/> sweeps, and topics keep their clusters</param>
    public static TopicModel Discover(IReadOnlyList<TopicDocument> documents, TopicDiscoveryOptions? options = null, IReadOnlyList<int>? start = null)
    {
        options ??= new TopicDiscoveryOptions();
        var n = documents.Count;
        var minSize = Math.Max(options.MinTopicSize, (int)Math.Ceiling(n * 0.0005));

        // All terms (words and phrases) for labels; the words alone for the sampler.
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<string>();
        var phrase = new List<bool>();
        var surfaces = new List<Dictionary<string, int>>();
        var docTerms = new int[n][];
        var docWordIds = new List<int>[n];
        for (var d = 0; d < n; d++)
        {
            var ids = new HashSet<int>();
            docWordIds[d] = [];
            foreach (var term in documents[d].Terms)
            {
                if (!vocabulary.TryGetValue(term.Key, out var id))
                {
                    id = keys.Count;
                    vocabulary[term.Key] = id;
                    keys.Add(term.Key);
                    phrase.Add(term.IsPhrase);
                    surfaces.Add(new Dictionary<string, int>(StringComparer.Ordinal));
                }
                surfaces[id][term.Surface] = surfaces[id].GetValueOrDefault(term.Surface) + 1;
                ids.Add(id);
                if (!term.IsPhrase) docWordIds[d].Add(id);
            }
            docTerms[d] = [.. ids];
        }
        var df = new int[keys.Count];
        foreach (var terms in docTerms) foreach (var t in terms) df[t]++;

        // The sampler's words: in at least two posts and at most half of them.
        var wordIndex = new Dictionary<int, int>();
        var words = new List<string>();
        for (var t = 0; t < keys.Count; t++)
            if (!phrase[t] && df[t] >= 2 && df[t] <= n / 2) { wordIndex[t] = words.Count; words.Add(keys[t]); }
        var docWords = docWordIds.Select(ws => ws.Where(wordIndex.ContainsKey).Select(w => wordIndex[w]).Order().ToArray()).ToArray();

        var mixture = new Mixture(words.Count, options.Clusters, options.Alpha, options.Beta);
        var assignment = mixture.Fit(docWords, start is null ? options.Iterations : options.WarmIterations, new Random(options.Seed), start);

        MergeSimilar(assignment, docWords, words.Count, options);
        var clusters = (int[])assignment.Clone();

        // Clusters big enough to show, largest first, at most MaxTopics; the posts of the others go to their best among these.
        var sizes = new int[options.Clusters];
        foreach (var z in assignment) if (z >= 0) sizes[z]++;
        var kept = Enumerable.Range(0, options.Clusters).Where(z => sizes[z] >= minSize).OrderByDescending(z => sizes[z]).ThenBy(z => z).Take(options.MaxTopics).ToArray();
        var topicOf = new int[options.Clusters];
        Array.Fill(topicOf, -1);
        for (var i = 0; i < kept.Length; i++) topicOf[kept[i]] = i;
        var counts = kept.Select(_ => new int[words.Count]).ToArray();
        var wordTotals = new int[kept.Length];
        var docTotals = new int[kept.Length];
        for (var d = 0; d < n; d++)
        {
            if (assignment[d] < 0 || topicOf[assignment[d]] is var k && k < 0) continue;
            docTotals[k]++;
            wordTotals[k] += docWords[d].Length;
            foreach (var w in docWords[d]) counts[k][w]++;
        }
        var wordVocabulary = words.Select((w, i) => (w, i)).ToDictionary(x => x.w, x => x.i, StringComparer.Ordinal);
        var model = new TopicModel((counts, wordTotals, docTotals), wordVocabulary, options.Alpha, options.Beta);
        for (var d = 0; d < n; d++)
            assignment[d] = assignment[d] >= 0 && topicOf[assignment[d]] >= 0 ? topicOf[assignment[d]] : model.AssignWords(docWords[d]);

        // Labels: the terms most distinctive of each topic's posts.
        var productWords = new Dictionary<string, int>(StringComparer.Ordinal);
        var mentions = new Dictionary<(string, string), int>();
        for (var d = 0; d < n; d++)
            foreach (var mention in documents[d].Products)
                foreach (var key in TopicText.Keys(mention, documents[d].Language).Distinct())
                {
                    productWords[key] = productWords.GetValueOrDefault(key) + 1;
                    mentions[(key, mention)] = mentions.GetValueOrDefault((key, mention)) + 1;
                }
        var bestMention = mentions.GroupBy(m => m.Key.Item1).ToDictionary(g => g.Key, g => g.Max(m => m.Value), StringComparer.Ordinal);
        // A word of many different product names ("Sleek" of "Sleek Steel Chair" and "Sleek Cotton Hat") names no matter;
        // a word of one product's name ("AeroBlend" of "AeroBlend 3000") does.
        bool Generic(string key) => key.Split(' ').Any(w =>
            productWords.GetValueOrDefault(w) >= (vocabulary.TryGetValue(w, out var id) ? df[id] : 0) / 2 &&
            bestMention.GetValueOrDefault(w) < productWords.GetValueOrDefault(w) / 2);

        var topics = new List<DiscoveredTopic>();
        for (var i = 0; i < kept.Length; i++)
        {
            var docs = Enumerable.Range(0, n).Where(d => assignment[d] == i).ToList();
            var inTopic = new Dictionary<int, int>();
            foreach (var d in docs) foreach (var t in docTerms[d]) inTopic[t] = inTopic.GetValueOrDefault(t) + 1;
            var floor = Math.Max(2, docs.Count / 10);
            var ranked = inTopic.Where(x => x.Value >= floor && !Generic(keys[x.Key]))
                .Select(x => (Term: x.Key, Score: x.Value / (double)docs.Count * Math.Log(n / (double)df[x.Key])))
                .OrderByDescending(x => x.Score).ThenBy(x => keys[x.Term], StringComparer.Ordinal).Select(x => x.Term).ToList();
            string Surface(int t) => surfaces[t].MaxBy(s => (s.Value, s.Key)).Key;
            var products = docs.SelectMany(d => documents[d].Products.Distinct()).GroupBy(p => p).Select(p => (p.Key, Count: p.Count()))
                .Where(p => p.Count >= Math.Max(2, docs.Count / 5)).OrderByDescending(p => p.Count).ThenBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key).Take(5).ToList();
            var orderTerms = ranked.Where(t => !phrase[t] && TopicText.IsOrderTerm(keys[t])).Select(Surface).Distinct().Take(5).ToList();
            var key = ranked.Where(t => !phrase[t]).Select(t => keys[t]).FirstOrDefault() ?? $"topic-{i}";
            topics.Add(new DiscoveredTopic(key, kept[i], Label(ranked, phrase, keys, Surface), ranked.Take(12).Select(Surface).ToList(), docs.Count, products, orderTerms));
        }
        model.Topics = topics;
        model.Assignments = assignment;
        model.Clusters = clusters;
        return model;
    }

    /// <summary>
    /// The sampler splits one matter said in several ways (a wave's phrasings, "leaks" and "leaking water") into
    /// clusters that share its distinctive words. As BERTopic reduces topics, the two clusters whose class-based TF-IDF
    /// vectors (share of the cluster's posts with the word times its IDF) are most alike are merged while their cosine
    /// is at least MergeSimilarity.
    /// </summary>
    private static void MergeSimilar(int[] assignment, int[][] docWords, int vocabulary, TopicDiscoveryOptions options)
    {
        var n = assignment.Length;
        var df = new int[vocabulary];
        foreach (var doc in docWords) foreach (var w in doc.Distinct()) df[w]++;
        var members = Enumerable.Range(0, options.Clusters).Select(_ => new List<int>()).ToArray();
        for (var d = 0; d < n; d++) if (assignment[d] >= 0) members[assignment[d]].Add(d);
        Dictionary<int, double> Vector(List<int> docs)
        {
            var inCluster = new Dictionary<int, int>();
            foreach (var d in docs) foreach (var w in docWords[d].Distinct()) inCluster[w] = inCluster.GetValueOrDefault(w) + 1;
            var v = inCluster.ToDictionary(x => x.Key, x => x.Value / (double)docs.Count * Math.Log(n / (double)df[x.Key]));
            var norm = Math.Sqrt(v.Values.Sum(x => x * x));
            foreach (var key in v.Keys.ToList()) v[key] /= norm;
            return v;
        }
        static double Cosine(Dictionary<int, double> a, Dictionary<int, double> b) =>
            (a.Count < b.Count ? a : b).Sum(x => x.Value * (a.Count < b.Count ? b : a).GetValueOrDefault(x.Key));
        var vectors = members.Select(m => m.Count == 0 ? null : Vector(m)).ToArray();
        while (true)
        {
            var (bestA, bestB, best) = (-1, -1, options.MergeSimilarity);
            for (var a = 0; a < vectors.Length; a++)
                for (var b = a + 1; b < vectors.Length; b++)
                    if (vectors[a] is { } va && vectors[b] is { } vb && Cosine(va, vb) is var c && c >= best) (bestA, bestB, best) = (a, b, c);
            if (bestA < 0) return;
            foreach (var d in members[bestB]) assignment[d] = bestA;
            members[bestA].AddRange(members[bestB]);
            members[bestB].Clear();
            vectors[bestA] = Vector(members[bestA]);
            vectors[bestB] = null;
        }
    }

    /// <summary>Up to three of the topic's most distinctive terms, a phrase before its words; a word already in a chosen term is not repeated.</summary>
    private static string Label(List<int> ranked, List<bool> phrase, List<string> keys, Func<int, string> surface)
    {
        var chosen = new List<int>();
        foreach (var t in ranked)
        {
            if (chosen.Count == 3) break;
            var words = keys[t].Split(' ');
            if (chosen.Any(c => keys[c].Split(' ').Intersect(words).Any())) continue;
            // A word whose phrase is nearly as distinctive reads better as the phrase.
            var better = phrase[t] ? -1 : ranked.Skip(ranked.IndexOf(t) + 1).Take(3).FirstOrDefault(p => phrase[p] && keys[p].Split(' ').Contains(keys[t]), -1);
            chosen.Add(better >= 0 && !chosen.Contains(better) ? better : t);
        }
        return string.Join(", ", chosen.Distinct().Select(surface));
    }
}
