using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace SocialCrm.Scoring.Learning.MlNet;

/// <summary>One setting of one of ML.NET's binary trainers, named for reports ("L2 10", "16 leaves × 300").</summary>
/// <param name="Estimator">the trainer for a context and a number of rows</param>
public sealed record BinaryTrainerSetting(string Trainer, string Setting, Func<MLContext, int, IEstimator<ITransformer>> Estimator);

/// <summary>
/// Trains ML.NET binary classifiers on dense rows, with a fixed seed and one thread so the same rows give the same
/// model. Two families are compared wherever an outcome model is trained: a linear one and a tree ensemble.
/// </summary>
public static class BinaryTrainer
{
    private const string Features = "Features", Label = "Label";

    /// <summary>L2 strengths λ of (λ/2)‖w‖² against the mean loss, as SocialCrm's own trainers had them.</summary>
    public static IEnumerable<BinaryTrainerSetting> Linear() => new[] { 1e-4f, 1e-3f, 1e-2f, 3e-2f, 1e-1f }.Select(l2 =>
        new BinaryTrainerSetting(LinearBinaryModel.Name, $"L2 {l2:g}", (ml, rows) => ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
            new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                FeatureColumnName = Features, LabelColumnName = Label, L2Regularization = SparseLinearTrainer.SumLossL2(l2, rows), L1Regularization = 0,
                OptimizationTolerance = 1e-7f, NumberOfThreads = 1,
            })));

    /// <summary>
    /// Few, shallow trees with many rows per leaf (100, or a twentieth of the rows when there are fewer than 2,000):
    /// outcomes are noisy, and a deep ensemble learns the noise.
    /// </summary>
    public static IEnumerable<BinaryTrainerSetting> LightGbm() =>
        new (int Leaves, int Rounds, double Rate)[] { (4, 200, 0.05), (8, 200, 0.05), (16, 300, 0.03) }.Select(s =>
            new BinaryTrainerSetting(TreeBinaryModel.Name, $"{s.Leaves} leaves × {s.Rounds} rounds", (ml, rows) => ml.BinaryClassification.Trainers.LightGbm(
                new LightGbmBinaryTrainer.Options
                {
                    FeatureColumnName = Features, LabelColumnName = Label, NumberOfLeaves = s.Leaves, NumberOfIterations = s.Rounds,
                    LearningRate = s.Rate, MinimumExampleCountPerLeaf = Math.Clamp(rows / 20, 2, 100), UseCategoricalSplit = false, Seed = 1, NumberOfThreads = 1, Silent = true,
                })));

    /// <param name="withReasons">
    /// count which leaves the rows reach, so a tree ensemble's reasons weigh its leaves by them; a model only scored on
    /// validation rows (while choosing a setting) needs no reasons
    /// </param>
    public static BinaryModel Train(IReadOnlyList<double[]> rows, IReadOnlyList<bool> labels, BinaryTrainerSetting setting, bool withReasons = true)
    {
        var ml = new MLContext(seed: 1);
        var data = Load(ml, rows, labels);
        var transformer = setting.Estimator(ml, rows.Count).Fit(data);
        using var file = new MemoryStream();
        ml.Model.Save(transformer, data.Schema, file);
        var model = BinaryModel.Load(file.ToArray());
        return withReasons && model is TreeBinaryModel trees ? trees.WithLeafCounts(trees.CountLeaves(rows)) : model;
    }

    /// <summary>The setting with the best log-likelihood on the validation rows, trained on the fitting rows.</summary>
    public static (BinaryTrainerSetting Setting, double LogLikelihood) Choose(IEnumerable<BinaryTrainerSetting> settings,
        IReadOnlyList<double[]> fitRows, IReadOnlyList<bool> fitLabels, IReadOnlyList<double[]> validationRows, IReadOnlyList<bool> validationLabels) =>
        settings.Select(s =>
        {
            var model = Train(fitRows, fitLabels, s, withReasons: false);
            return (s, validationRows.Select((x, i) => Math.Log(Math.Clamp(validationLabels[i] ? model.Probability(x) : 1 - model.Probability(x), 1e-15, 1))).Average());
        }).MaxBy(r => r.Item2);

    /// <summary>ML.NET rows of a width known only at run time.</summary>
    public static IDataView Load(MLContext ml, IReadOnlyList<double[]> rows, IReadOnlyList<bool> labels)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, rows[0].Length);
        return ml.Data.LoadFromEnumerable(rows.Select((x, i) => new Row { Features = [.. x.Select(v => (float)v)], Label = labels[i] }), schema);
    }

    public sealed class Row
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }
}
