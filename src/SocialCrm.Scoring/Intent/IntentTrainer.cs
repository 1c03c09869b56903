using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Learning.MlNet;
using SocialCrm.Scoring.Metrics;

namespace SocialCrm.Scoring.Intent;

public sealed record IntentTrainingReport(int Rows, double L2, string Trainer, TimeSpan Elapsed);

/// <summary>
/// Trains the intent model: L2 chosen by macro F1 on a validation fifth of the training rows, then refitted on them
/// all, by ML.NET's L-BFGS maximum entropy trainer on our features. Examples of both languages train one model; the
/// n-grams of each language rarely meet.
/// </summary>
public static class IntentTrainer
{
    private static readonly float[] L2Grid = [1e-6f, 1e-5f, 1e-4f, 1e-3f];

    public static (TrainedIntentModel Model, IntentTrainingReport Report) Train(IReadOnlyList<IntentExample> rows, string version, int bits = 14, float? fixedL2 = null)
    {
        var featurizer = new IntentFeatures(bits);
        var vectors = rows.Select(r => featurizer.Vector(r.Text, r.Language)).ToList();
        var indexed = Enumerable.Range(0, rows.Count).ToList();
        var (fit, validation) = DataSplit.Split(indexed, i => $"validation:{rows[i].Language}:{rows[i].Line}", 0.2);
        var dense = featurizer.Dimension - IntentFeatures.DenseFeatures;
        (LinearModel Model, TimeSpan Elapsed) Fit(IReadOnlyList<int> at, float l2) => SparseLinearTrainer.TrainMultinomial(
            at.Select(i => vectors[i]).ToList(), at.Select(i => rows[i].Class).ToList(), IntentResult.Labels.Length, featurizer.Dimension, l2, unpenalisedFrom: dense);

        var l2 = fixedL2 ?? L2Grid.MaxBy(l2 =>
        {
            var (m, _) = Fit(fit, l2);
            var predicted = validation.Select(i => ArgMax(m.Probabilities(vectors[i]))).ToList();
            return ClassMetrics.MacroF1(ClassMetrics.PerClass(validation.Select(i => rows[i].Class).ToList(), predicted, IntentResult.Labels));
        });
        var (classifier, elapsed) = Fit(indexed, l2);
        return (new TrainedIntentModel(version, bits, classifier), new IntentTrainingReport(rows.Count, l2, SparseLinearTrainer.MaximumEntropy, elapsed));
    }

    private static int ArgMax(double[] p) => Array.IndexOf(p, p.Max());
}
