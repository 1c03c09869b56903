using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Metrics;

namespace SocialCrm.Scoring.Intent;

public sealed record IntentTrainingReport(int Rows, double L2, TrainingReport Classifier);

/// <summary>
/// Trains the intent model: L2 chosen by macro F1 on a validation fifth of the training rows, then refitted on them
/// all. Examples of both languages train one model; the n-grams of each language rarely meet.
/// </summary>
public static class IntentTrainer
{
    private static readonly double[] L2Grid = [1e-4, 1e-3, 1e-2];

    public static (TrainedIntentModel Model, IntentTrainingReport Report) Train(IReadOnlyList<IntentExample> rows, string version, int bits = 14, double? fixedL2 = null)
    {
        var featurizer = new IntentFeatures(bits);
        var vectors = rows.Select(r => featurizer.Vector(r.Text, r.Language)).ToList();
        var indexed = Enumerable.Range(0, rows.Count).ToList();
        var (fit, validation) = DataSplit.Split(indexed, i => $"validation:{rows[i].Language}:{rows[i].Line}", 0.2);
        TrainingOptions Options(double l2) => new(l2, MaxIterations: 150, UnpenalisedFrom: featurizer.Dimension - IntentFeatures.DenseFeatures);

        var l2 = fixedL2 ?? L2Grid.MaxBy(l2 =>
        {
            var (m, _) = LogisticRegression.TrainMultinomial(fit.Select(i => vectors[i]).ToList(), fit.Select(i => rows[i].Class).ToList(),
                IntentResult.Labels.Length, featurizer.Dimension, Options(l2));
            var predicted = validation.Select(i => ArgMax(m.Probabilities(vectors[i]))).ToList();
            return ClassMetrics.MacroF1(ClassMetrics.PerClass(validation.Select(i => rows[i].Class).ToList(), predicted, IntentResult.Labels));
        });
        var (classifier, report) = LogisticRegression.TrainMultinomial(vectors, rows.Select(r => r.Class).ToList(), IntentResult.Labels.Length, featurizer.Dimension, Options(l2));
        return (new TrainedIntentModel(version, bits, classifier), new IntentTrainingReport(rows.Count, l2, report));
    }

    private static int ArgMax(double[] p) => Array.IndexOf(p, p.Max());
}
