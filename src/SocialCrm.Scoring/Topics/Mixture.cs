namespace SocialCrm.Scoring.Topics;

/// <summary>
/// The Dirichlet multinomial mixture's collapsed Gibbs sampler (GSDMM, Yin and Wang 2014). A post (its word ids, sorted
/// so repeats are adjacent) is moved to a cluster with probability proportional to
/// (m_z + α) · Π_w Π_j (n_zw + β + j) / Π_i (n_z + Vβ + i). All empty clusters have the same weight, so they are
/// weighed once: the cost of a sweep follows the clusters in use, not the clusters the sampler may open.
/// </summary>
internal sealed class Mixture(int vocabulary, int clusters, double alpha, double beta)
{
    private readonly int[] _docs = new int[clusters];
    private readonly int[] _words = new int[clusters];
    private readonly int[] _counts = new int[clusters * Math.Max(vocabulary, 1)];

    /// <summary>
    /// Samples for the given sweeps, then one greedy sweep (each post to its most likely cluster). -1 for a post with no
    /// words. With a start, the posts it places (a cluster of an earlier fit) begin there and the others are sampled in
    /// one by one, so a recomputation continues from the last one; otherwise every post starts in a random cluster.
    /// </summary>
    public int[] Fit(int[][] docs, int iterations, Random random, IReadOnlyList<int>? start = null)
    {
        var z = new int[docs.Length];
        var weights = new double[clusters];
        for (var d = 0; d < docs.Length; d++)
        {
            z[d] = docs[d].Length == 0 ? -1 : start is null ? random.Next(clusters) : start[d] is var s && s >= 0 && s < clusters ? s : -2;
            if (z[d] >= 0) Move(docs[d], z[d], +1);
        }
        // The new posts are first grouped among themselves, in the clusters nobody holds: placed one by one among the
        // old clusters, the first posts of a new matter settle in a small old one and hold each other there.
        var fresh = Enumerable.Range(0, clusters).Select(c => _docs[c] == 0).ToArray();
        for (var d = 0; d < docs.Length; d++)
            if (z[d] == -2)
            {
                z[d] = Sample(docs[d], weights, random, fresh);
                Move(docs[d], z[d], +1);
            }
        for (var sweep = 0; sweep <= iterations; sweep++)
            for (var d = 0; d < docs.Length; d++)
            {
                if (z[d] < 0) continue;
                Move(docs[d], z[d], -1);
                z[d] = sweep < iterations ? Sample(docs[d], weights, random) : Best(docs[d]);
                Move(docs[d], z[d], +1);
            }
        return z;
    }

    private void Move(int[] doc, int cluster, int sign)
    {
        _docs[cluster] += sign;
        _words[cluster] += sign * doc.Length;
        foreach (var w in doc) _counts[cluster * vocabulary + w] += sign;
    }

    private int Sample(int[] doc, double[] weights, Random random, bool[]? allowed = null)
    {
        var max = double.NegativeInfinity;
        var firstEmpty = -1;
        var empties = 0;
        for (var c = 0; c < clusters; c++)
        {
            if (allowed is not null && !allowed[c]) { weights[c] = double.NegativeInfinity; continue; }
            if (_docs[c] == 0)
            {
                empties++;
                if (firstEmpty < 0) { firstEmpty = c; weights[c] = LogLikelihood(doc, c); max = Math.Max(max, weights[c]); }
                else weights[c] = double.NegativeInfinity;
                continue;
            }
            weights[c] = LogLikelihood(doc, c);
            max = Math.Max(max, weights[c]);
        }
        double total = 0;
        for (var c = 0; c < clusters; c++)
        {
            weights[c] = double.IsNegativeInfinity(weights[c]) ? 0 : Math.Exp(weights[c] - max) * (c == firstEmpty ? empties : 1);
            total += weights[c];
        }
        var pick = random.NextDouble() * total;
        for (var c = 0; c < clusters; c++)
            if ((pick -= weights[c]) <= 0 && weights[c] > 0) return c;
        return firstEmpty >= 0 ? firstEmpty : Best(doc);
    }

    private int Best(int[] doc)
    {
        var best = -1;
        var bestLog = double.NegativeInfinity;
        for (var c = 0; c < clusters; c++)
        {
            var log = LogLikelihood(doc, c);
            if (log > bestLog) (best, bestLog) = (c, log);
        }
        return best;
    }

    private double LogLikelihood(int[] doc, int c) =>
        ScoreOf(doc, _docs[c], _words[c], _counts.AsSpan(c * vocabulary, vocabulary), vocabulary, alpha, beta);

    /// <summary>The log of a cluster's (unnormalised) probability for a post, shared with TopicModel.</summary>
    public static double ScoreOf(int[] doc, int docs, int words, ReadOnlySpan<int> counts, int vocabulary, double alpha, double beta)
    {
        var log = Math.Log(docs + alpha);
        var run = 0;
        for (var i = 0; i < doc.Length; i++)
        {
            run = i > 0 && doc[i] == doc[i - 1] ? run + 1 : 0;
            log += Math.Log(counts[doc[i]] + beta + run) - Math.Log(words + vocabulary * beta + i);
        }
        return log;
    }
}
