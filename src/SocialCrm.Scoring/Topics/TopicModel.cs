namespace SocialCrm.Scoring.Topics;

/// <summary>
/// The topics found, the topic of each post they were found in (-1: none), and what it takes to place a later post in
/// one of them by the same rule as the sampler's last sweep (its most likely topic).
/// </summary>
public sealed class TopicModel
{
    private readonly int[][] _counts;
    private readonly int[] _words, _docs;
    private readonly IReadOnlyDictionary<string, int> _vocabulary;
    private readonly double _alpha, _beta;

    internal TopicModel((int[][] Counts, int[] Words, int[] Docs) kept, IReadOnlyDictionary<string, int> vocabulary, double alpha, double beta)
    {
        (_counts, _words, _docs) = kept;
        (_vocabulary, _alpha, _beta) = (vocabulary, alpha, beta);
    }

    public IReadOnlyList<DiscoveredTopic> Topics { get; internal set; } = [];

    public int[] Assignments { get; internal set; } = [];

    /// <summary>Each document's cluster in the sampler (-1: no words): the start of a warm recomputation.</summary>
    public int[] Clusters { get; internal set; } = [];

    /// <summary>The index of the topic a post belongs to, or -1 when none of its words is in any topic.</summary>
    public int Assign(TopicDocument document)
    {
        var words = document.Terms.Where(t => !t.IsPhrase && _vocabulary.ContainsKey(t.Key)).Select(t => _vocabulary[t.Key]).ToArray();
        Array.Sort(words);
        return AssignWords(words);
    }

    internal int AssignWords(int[] sortedWords)
    {
        if (sortedWords.Length == 0) return -1;
        var best = -1;
        var bestLog = double.NegativeInfinity;
        for (var t = 0; t < _counts.Length; t++)
        {
            var log = Mixture.ScoreOf(sortedWords, _docs[t], _words[t], _counts[t], _vocabulary.Count, _alpha, _beta);
            if (log > bestLog) (best, bestLog) = (t, log);
        }
        return best >= 0 && sortedWords.Any(w => _counts[best][w] > 0) ? best : -1;
    }
}
