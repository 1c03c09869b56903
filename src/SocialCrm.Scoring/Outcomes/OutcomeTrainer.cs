using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Learning.MlNet;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Scoring.Value;

namespace SocialCrm.Scoring.Outcomes;

/// <summary>How one outcome model was trained: on how many rows, which setting won on validation, and its log-likelihood there.</summary>
public sealed record OutcomeTrainingReport(int Rows, string Trainer, string Setting, double ValidationLogLikelihood);

/// <summary>
/// Trains the two models that learn from measure-phase outcomes: customer value (did engaging pay off?) and reply
/// kind (was the customer happy, given the kind of reply?). Each is trained with both families of ML.NET trainers, a
/// linear one and a tree ensemble, so the caller can compare them on held-out cases and keep the better. Within a
/// family the setting is chosen by log-likelihood on a validation fifth of the training rows: the reply-kind model
/// must get the size of each effect right, not only the order.
/// </summary>
public static class OutcomeTrainer
{
    /// <summary>The two trainer families, with the suffix their versions get ("20261125-lr").</summary>
    public static readonly IReadOnlyList<(string Suffix, Func<IEnumerable<BinaryTrainerSetting>> Settings)> Families =
        [("lr", BinaryTrainer.Linear), ("gbm", BinaryTrainer.LightGbm)];

    /// <summary>The fixed held-out part: a fifth of the cases, by a stable hash of the case key.</summary>
    public static (List<OutcomeExample> Train, List<OutcomeExample> HeldOut) Split(IEnumerable<OutcomeExample> rows) =>
        DataSplit.Split(rows, r => SplitKey(r.Key), HeldOutShare);

    /// <summary>Whether the case with this key is in the held-out part (evaluation replays only those).</summary>
    public static bool IsHeldOut(string key) => DataSplit.IsHeldOut(SplitKey(key), HeldOutShare);

    private const double HeldOutShare = 0.2;
    private static string SplitKey(string key) => $"outcome:{key}";

    /// <summary>One value model per trainer family.</summary>
    public static IReadOnlyList<(TrainedValueModel Model, OutcomeTrainingReport Report)> TrainValue(IReadOnlyList<OutcomeExample> rows, string version)
    {
        Require(rows, r => r.PaidOff, "paid off");
        var raw = rows.Select(r => TrainedValueModel.Row(r.Features, r.ReplyKind == ReplyKindResult.Personalised)).ToList();
        var scale = Standardiser.Fit(raw);
        var vectors = raw.Select(scale.Apply).ToList();
        var labels = rows.Select(r => r.PaidOff).ToList();
        return [.. Families.Select(family =>
        {
            var (model, report) = Fit(rows, vectors, labels, family.Settings());
            return (new TrainedValueModel($"{version}-{family.Suffix}", report.Setting, model, scale), report);
        })];
    }

    /// <summary>One reply-kind model per trainer family, from the cases whose customer answered our reply: happy or not, given the kind of reply.</summary>
    public static IReadOnlyList<(TrainedReplyKindModel Model, OutcomeTrainingReport Report)> TrainReplyKind(IReadOnlyList<OutcomeExample> all, string version)
    {
        var rows = all.Where(r => r.FollowedUp).ToList();
        Require(rows, r => r.Happy, "happy");
        if (rows.Select(r => r.ReplyKind).Distinct().Count() < 2)
            throw new InvalidOperationException("every measured reply was of one kind: the gain of personalising cannot be learned without both kinds");
        var raw = rows.Select(r => ValueFeaturizer.Featurize(r.Features)).ToList();
        var scale = Standardiser.Fit(raw);
        var labels = rows.Select(r => r.Happy).ToList();
        return [.. Families.Select(family =>
        {
            // Linear models need p·x to let the gain depend on the case; trees find the interactions themselves.
            var crossTerms = family.Suffix == "lr";
            var vectors = rows.Select((r, i) => TrainedReplyKindModel.Row(scale.Apply(raw[i]), r.ReplyKind == ReplyKindResult.Personalised, crossTerms)).ToList();
            var (model, report) = Fit(rows, vectors, labels, family.Settings());
            return (new TrainedReplyKindModel($"{version}-{family.Suffix}", report.Setting, model, scale, crossTerms), report);
        })];
    }

    private static (BinaryModel Model, OutcomeTrainingReport Report) Fit(IReadOnlyList<OutcomeExample> rows, List<double[]> vectors, List<bool> labels,
        IEnumerable<BinaryTrainerSetting> settings)
    {
        var (fit, validation) = DataSplit.Split(Enumerable.Range(0, rows.Count).ToList(), i => $"validation:{rows[i].Key}", 0.2);
        var (setting, logLikelihood) = BinaryTrainer.Choose(settings,
            fit.Select(i => vectors[i]).ToList(), fit.Select(i => labels[i]).ToList(),
            validation.Select(i => vectors[i]).ToList(), validation.Select(i => labels[i]).ToList());
        var model = BinaryTrainer.Train(vectors, labels, setting);
        return (model, new OutcomeTrainingReport(rows.Count, setting.Trainer, setting.Setting, logLikelihood));
    }

    private static void Require(IReadOnlyList<OutcomeExample> rows, Func<OutcomeExample, bool> label, string name)
    {
        if (rows.Count < 50) throw new InvalidOperationException($"only {rows.Count} measured cases with features: at least 50 are needed");
        var positives = rows.Count(label);
        if (positives == 0 || positives == rows.Count)
            throw new InvalidOperationException($"all {rows.Count} measured cases have the same outcome ({name}: {positives > 0}): nothing to learn from");
    }
}
