namespace SocialCrm.Scoring.Metrics;

/// <summary>How well a clustering recovers known groups: the adjusted Rand index (Hubert and Arabie 1985) and purity.</summary>
public static class ClusterAgreement
{
    /// <summary>1 for the same partition, about 0 for a random one (can be below 0).</summary>
    public static double AdjustedRandIndex<TTruth, TFound>(IReadOnlyList<TTruth> truth, IReadOnlyList<TFound> found)
        where TTruth : notnull where TFound : notnull
    {
        if (truth.Count != found.Count) throw new ArgumentException("truth and found must label the same items");
        var n = truth.Count;
        if (n < 2) return 1;
        static double Pairs(long k) => k * (k - 1) / 2.0;
        var cells = new Dictionary<(TTruth, TFound), long>();
        var rows = new Dictionary<TTruth, long>();
        var columns = new Dictionary<TFound, long>();
        for (var i = 0; i < n; i++)
        {
            cells[(truth[i], found[i])] = cells.GetValueOrDefault((truth[i], found[i])) + 1;
            rows[truth[i]] = rows.GetValueOrDefault(truth[i]) + 1;
            columns[found[i]] = columns.GetValueOrDefault(found[i]) + 1;
        }
        var index = cells.Values.Sum(Pairs);
        var a = rows.Values.Sum(Pairs);
        var b = columns.Values.Sum(Pairs);
        var expected = a * b / Pairs(n);
        var max = (a + b) / 2;
        return max == expected ? 1 : (index - expected) / (max - expected);
    }

    /// <summary>The share of items whose found group's most common true label is their own.</summary>
    public static double Purity<TTruth, TFound>(IReadOnlyList<TTruth> truth, IReadOnlyList<TFound> found)
        where TTruth : notnull where TFound : notnull =>
        truth.Count == 0 ? 1 : Enumerable.Range(0, truth.Count).GroupBy(i => found[i])
            .Sum(g => g.GroupBy(i => truth[i]).Max(t => t.Count())) / (double)truth.Count;
}
