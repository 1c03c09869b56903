using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Metrics;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Scoring.Value;

namespace SocialCrm.Scoring.Outcomes;

public sealed record OutcomeTrainingReport(int Rows, double L2, TrainingReport Fit);

/// <summary>
/// Trains the two models that learn from measure-phase outcomes: customer value (did engaging pay off?) and reply
/// kind (was the customer happy, given the kind of reply?). L2 is chosen on a validation fifth of the training rows.
/// </summary>
public static class OutcomeTrainer
{
    private static readonly double[] L2Grid = [1e-3, 1e-2, 3e-2, 1e-1];

    /// <summary>The fixed held-out part: a fifth of the cases, by a stable hash of the case key.</summary>
    public static (List<OutcomeExample> Train, List<OutcomeExample> HeldOut) Split(IEnumerable<OutcomeExample> rows) =>
        DataSplit.Split(rows, r => SplitKey(r.Key), HeldOutShare);

    /// <summary>Whether the case with this key is in the held-out part (evaluation replays only those).</summary>
    public static bool IsHeldOut(string key) => DataSplit.IsHeldOut(SplitKey(key), HeldOutShare);

    private const double HeldOutShare = 0.2;
    private static string SplitKey(string key) => $"outcome:{key}";

    public static (TrainedValueModel Model, OutcomeTrainingReport Report) TrainValue(IReadOnlyList<OutcomeExample> rows, string version)
    {
        Require(rows, r => r.PaidOff, "paid off");
        var raw = rows.Select(r => TrainedValueModel.Row(r.Features, r.ReplyKind == ReplyKindResult.Personalised)).ToList();
        var scale = Standardiser.Fit(raw);
        var vectors = raw.Select(x => SparseVector.Dense(scale.Apply(x))).ToList();
        var labels = rows.Select(r => r.PaidOff).ToList();
        var (l2, model, fit) = FitBinary(rows, vectors, labels, TrainedValueModel.Dimension);
        return (new TrainedValueModel(version, model, scale), new OutcomeTrainingReport(rows.Count, l2, fit));
    }

    /// <summary>From the cases whose customer answered our reply: happy or not, given the kind of reply.</summary>
    public static (TrainedReplyKindModel Model, OutcomeTrainingReport Report) TrainReplyKind(IReadOnlyList<OutcomeExample> all, string version)
    {
        var rows = all.Where(r => r.FollowedUp).ToList();
        Require(rows, r => r.Happy, "happy");
        if (rows.Select(r => r.ReplyKind).Distinct().Count() < 2)
            throw new InvalidOperationException("every measured reply was of one kind: the gain of personalising cannot be learned without both kinds");
        var raw = rows.Select(r => ValueFeaturizer.Featurize(r.Features)).ToList();
        var scale = Standardiser.Fit(raw);
        var vectors = rows.Select((r, i) => TrainedReplyKindModel.Row(scale.Apply(raw[i]), r.ReplyKind == ReplyKindResult.Personalised)).ToList();
        var labels = rows.Select(r => r.Happy).ToList();
        var (l2, model, fit) = FitBinary(rows, vectors, labels, TrainedReplyKindModel.Dimension);
        return (new TrainedReplyKindModel(version, model, scale), new OutcomeTrainingReport(rows.Count, l2, fit));
    }

    private static (double L2, LinearModel Model, TrainingReport Fit) FitBinary(IReadOnlyList<OutcomeExample> rows, List<SparseVector> vectors, List<bool> labels, int dimension)
    {
        var (fit, validation) = DataSplit.Split(Enumerable.Range(0, rows.Count).ToList(), i => $"validation:{rows[i].Key}", 0.2);
        var l2 = L2Grid.MaxBy(l2 =>
        {
            var (m, _) = LogisticRegression.TrainBinary(fit.Select(i => vectors[i]).ToList(), fit.Select(i => labels[i]).ToList(), dimension, new TrainingOptions(l2));
            // Log-likelihood, not AUC: the reply-kind model must get the size of each effect right, not only the order.
            return -validation.Average(i => -Math.Log(Math.Clamp(m.Probabilities(vectors[i])[labels[i] ? 1 : 0], 1e-15, 1)));
        });
        var (model, report) = LogisticRegression.TrainBinary(vectors, labels, dimension, new TrainingOptions(l2));
        return (l2, model, report);
    }

    private static void Require(IReadOnlyList<OutcomeExample> rows, Func<OutcomeExample, bool> label, string name)
    {
        if (rows.Count < 50) throw new InvalidOperationException($"only {rows.Count} measured cases with features: at least 50 are needed");
        var positives = rows.Count(label);
        if (positives == 0 || positives == rows.Count)
            throw new InvalidOperationException($"all {rows.Count} measured cases have the same outcome ({name}: {positives > 0}): nothing to learn from");
    }
}
