namespace SocialCrm.Scoring.Metrics;

public sealed record ClassScore(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>The usual measures of a classifier and a graded predictor, computed the textbook way.</summary>
public static class ClassMetrics
{
    public static double Accuracy(IReadOnlyList<int> truth, IReadOnlyList<int> predicted)
    {
        Same(truth.Count, predicted.Count);
        return truth.Count == 0 ? 0 : truth.Zip(predicted).Count(p => p.First == p.Second) / (double)truth.Count;
    }

    /// <summary>Precision, recall and F1 per class; a class never predicted (or never present) scores 0 there.</summary>
    public static IReadOnlyList<ClassScore> PerClass(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, IReadOnlyList<string> labels)
    {
        Same(truth.Count, predicted.Count);
        return labels.Select((label, k) =>
        {
            var tp = truth.Zip(predicted).Count(p => p.First == k && p.Second == k);
            var fp = truth.Zip(predicted).Count(p => p.First != k && p.Second == k);
            var fn = truth.Zip(predicted).Count(p => p.First == k && p.Second != k);
            var precision = tp + fp == 0 ? 0 : tp / (double)(tp + fp);
            var recall = tp + fn == 0 ? 0 : tp / (double)(tp + fn);
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new ClassScore(label, precision, recall, f1, tp + fn);
        }).ToList();
    }

    public static double MacroF1(IReadOnlyList<ClassScore> perClass) => perClass.Count == 0 ? 0 : perClass.Average(c => c.F1);

    /// <summary>Mean negative log-probability of the true class (probabilities clipped at 1e-15).</summary>
    public static double LogLoss(IReadOnlyList<int> truth, IReadOnlyList<double[]> probabilities)
    {
        Same(truth.Count, probabilities.Count);
        return truth.Select((t, i) => -Math.Log(Math.Clamp(probabilities[i][t], 1e-15, 1))).Average();
    }

    /// <summary>
    /// Expected calibration error: rows binned by their top probability into equal-width bins; the mean over rows of
    /// |bin accuracy - bin confidence|. 0 is perfectly calibrated.
    /// </summary>
    public static double CalibrationError(IReadOnlyList<int> truth, IReadOnlyList<double[]> probabilities, int bins = 10)
    {
        Same(truth.Count, probabilities.Count);
        var rows = truth.Select((t, i) =>
        {
            var p = probabilities[i];
            var top = Array.IndexOf(p, p.Max());
            return (Confidence: p[top], Correct: top == t);
        }).ToList();
        return rows.GroupBy(r => Math.Min(bins - 1, (int)(r.Confidence * bins)))
            .Sum(g => g.Count() / (double)rows.Count * Math.Abs(g.Average(r => r.Correct ? 1.0 : 0.0) - g.Average(r => r.Confidence)));
    }

    /// <summary>ROC AUC by the rank-sum (Mann-Whitney) formula, ties sharing their mean rank.</summary>
    public static double RocAuc(IReadOnlyList<bool> truth, IReadOnlyList<double> scores)
    {
        Same(truth.Count, scores.Count);
        var positives = truth.Count(t => t);
        var negatives = truth.Count - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("ROC AUC needs both positive and negative examples");
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]]) j++;
            for (var k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        var positiveRanks = Enumerable.Range(0, truth.Count).Where(i => truth[i]).Sum(i => ranks[i]);
        return (positiveRanks - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }

    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Same(x.Count, y.Count);
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    private static void Same(int a, int b)
    {
        if (a != b) throw new ArgumentException($"{a} true values but {b} predictions");
    }
}
