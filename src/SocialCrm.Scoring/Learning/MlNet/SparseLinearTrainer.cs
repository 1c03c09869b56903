using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using SocialCrm.Scoring.Features;

namespace SocialCrm.Scoring.Learning.MlNet;

/// <summary>
/// ML.NET's linear trainers on our own feature vectors (hashed n-grams and a few dense features), returning the
/// weights as a <see cref="LinearModel"/> that scores without ML.NET. ML.NET has one L2 strength for all features;
/// ours leave a few trusted dense features (lexicon scores) nearly unpenalised by training them scaled up by
/// <see cref="Boost"/> (a weight on a feature scaled by s costs 1/s² as much) and scaling their weights back.
/// </summary>
public static class SparseLinearTrainer
{
    public const string MaximumEntropy = "ML.NET L-BFGS maximum entropy", SdcaRegression = "ML.NET SDCA regression";
    public const double Boost = 10;

    /// <summary>
    /// ML.NET's L-BFGS trainers weigh their L2 penalty against the sum of the rows' losses, SocialCrm's strengths
    /// against the mean (so one strength suits any number of rows): measured here, ML.NET's reply-kind model fell from
    /// 98.4 % to 92.3 % of the oracle when given the mean-loss strength unscaled.
    /// </summary>
    public static float SumLossL2(float meanLossL2, int rows) => meanLossL2 * rows;

    /// <summary>Multinomial logistic regression; labels are class indexes 0..classes−1; l2 against the mean loss.</summary>
    public static (LinearModel Model, TimeSpan Elapsed) TrainMultinomial(IReadOnlyList<SparseVector> x, IReadOnlyList<int> labels, int classes, int dimension,
        float l2, int unpenalisedFrom = int.MaxValue)
    {
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(seed: 1);
        var data = Load(ml, x, labels.Select(l => (float)l).ToList(), dimension, unpenalisedFrom, keyClasses: classes);
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            FeatureColumnName = "Features", LabelColumnName = "Label", L2Regularization = SumLossL2(l2, x.Count), L1Regularization = 0, OptimizationTolerance = 1e-7f,
            MaximumNumberOfIterations = 300, NumberOfThreads = 1, Quiet = true,
        });
        var parameters = trainer.Fit(data).Model;
        var byClass = Array.Empty<VBuffer<float>>();
        parameters.GetWeights(ref byClass, out var count);
        if (count != classes) throw new InvalidOperationException($"ML.NET learned {count} classes of {classes}: every class needs training rows");
        var weights = new double[classes * dimension];
        for (var k = 0; k < classes; k++)
            foreach (var (j, w) in byClass[k].Items()) weights[k * dimension + j] = w * (j >= unpenalisedFrom ? Boost : 1);
        return (new LinearModel(classes, dimension, weights, [.. parameters.GetBiases().Select(b => (double)b)]), clock.Elapsed);
    }

    /// <summary>
    /// Ridge regression by stochastic dual coordinate ascent, minimising (1/2n)‖Xw + b − y‖² + (λ/2)‖w‖² like
    /// SocialCrm's own trainer did. ML.NET's SDCA reaches that optimum with its L2 set to 2λ (a known-answer test holds
    /// it to the closed form).
    /// </summary>
    public static (LinearModel Model, TimeSpan Elapsed) TrainRegression(IReadOnlyList<SparseVector> x, IReadOnlyList<double> targets, int dimension,
        float l2, int unpenalisedFrom = int.MaxValue)
    {
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(seed: 1);
        var data = Load(ml, x, targets.Select(t => (float)t).ToList(), dimension, unpenalisedFrom, keyClasses: null);
        var trainer = ml.Regression.Trainers.Sdca(new SdcaRegressionTrainer.Options
        {
            FeatureColumnName = "Features", LabelColumnName = "Label", L2Regularization = 2 * l2, L1Regularization = 0, ConvergenceTolerance = 1e-5f,
            MaximumNumberOfIterations = 200, NumberOfThreads = 1, Shuffle = true,
        });
        var parameters = trainer.Fit(data).Model;
        var weights = new double[dimension];
        var j = 0;
        foreach (var w in parameters.Weights) weights[j] = w * (j++ >= unpenalisedFrom ? Boost : 1);
        return (new LinearModel(1, dimension, weights, [parameters.Bias]), clock.Elapsed);
    }

    private static IDataView Load(MLContext ml, IReadOnlyList<SparseVector> x, IReadOnlyList<float> labels, int dimension, int unpenalisedFrom, int? keyClasses)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        VBuffer<float> Features(SparseVector v) =>
            new(dimension, v.Count, [.. v.Values.Select((value, k) => (float)(value * (v.Indices[k] >= unpenalisedFrom ? Boost : 1)))], v.Indices);
        if (keyClasses is not { } classes)
            return ml.Data.LoadFromEnumerable(x.Select((v, i) => new Row { Features = Features(v), Label = labels[i] }), schema);
        // Class k is key value k (LoadFromEnumerable reads a key as its 0-based index), and the key type names every class, so a
        // class without rows still gets its outputs.
        var keyed = SchemaDefinition.Create(typeof(KeyRow));
        keyed[nameof(KeyRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        keyed[nameof(KeyRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        return ml.Data.LoadFromEnumerable(x.Select((v, i) => new KeyRow { Features = Features(v), Label = (uint)labels[i] }), keyed);
    }

    private sealed class Row
    {
        public VBuffer<float> Features { get; set; }
        public float Label { get; set; }
    }

    private sealed class KeyRow
    {
        public VBuffer<float> Features { get; set; }
        public uint Label { get; set; }
    }
}
