using SocialCrm.Scoring.Features;

namespace SocialCrm.Scoring.Learning;

/// <summary>Logistic regression with L2 regularisation, trained by L-BFGS on sparse rows; the gradient is summed over both cores.</summary>
public static class LogisticRegression
{
    /// <summary>Binary: minimises mean log(1 + e^(-y z)) + (λ/2)‖w‖².</summary>
    public static (LinearModel Model, TrainingReport Report) TrainBinary(IReadOnlyList<SparseVector> rows, IReadOnlyList<bool> labels, int dimension, TrainingOptions options)
    {
        Check(rows, labels.Count, dimension);
        var compact = FeatureCompaction.Of(rows, dimension, options);
        var (model, report) = FitBinary(compact.Rows, labels, compact.Dimension, compact.Options);
        return (compact.Expand(model, dimension), report);
    }

    private static (LinearModel Model, TrainingReport Report) FitBinary(IReadOnlyList<SparseVector> rows, IReadOnlyList<bool> labels, int dimension, TrainingOptions options)
    {
        var n = rows.Count;
        var scratch = Scratch(n, dimension + 1);
        var (point, report) = LbfgsFitter.Minimise(dimension + 1, (theta, gradient) =>
        {
            var loss = SumOverRows(n, gradient, scratch, (i, g) =>
            {
                var x = rows[i];
                var z = x.Dot(theta) + theta[dimension];
                var y = labels[i] ? 1.0 : 0.0;
                var p = LinearModel.Sigmoid(z);
                var residual = (p - y) / n;
                for (var j = 0; j < x.Count; j++) g[x.Indices[j]] += residual * x.Values[j];
                g[dimension] += residual;
                // log(1 + e^-z) for y = 1, log(1 + e^z) for y = 0, computed without overflow
                var margin = labels[i] ? z : -z;
                return (margin > 0 ? double.LogP1(Math.Exp(-margin)) : -margin + double.LogP1(Math.Exp(margin))) / n;
            });
            return loss + Regularise(theta, gradient, 1, dimension, options);
        }, options);
        return (new LinearModel(1, dimension, point[..dimension], [point[dimension]]), report);
    }

    /// <summary>Multinomial: minimises the mean cross-entropy of the softmax + (λ/2)‖W‖².</summary>
    public static (LinearModel Model, TrainingReport Report) TrainMultinomial(IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int classes, int dimension,
        TrainingOptions options)
    {
        Check(rows, labels.Count, dimension);
        if (labels.Any(l => l < 0 || l >= classes)) throw new ArgumentException($"labels must lie in 0..{classes - 1}");
        var compact = FeatureCompaction.Of(rows, dimension, options);
        var (model, report) = FitMultinomial(compact.Rows, labels, classes, compact.Dimension, compact.Options);
        return (compact.Expand(model, dimension), report);
    }

    private static (LinearModel Model, TrainingReport Report) FitMultinomial(IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int classes, int dimension,
        TrainingOptions options)
    {
        var n = rows.Count;
        var weights = classes * dimension;
        var scratch = Scratch(n, weights + classes);
        var (point, report) = LbfgsFitter.Minimise(weights + classes, (theta, gradient) =>
        {
            var loss = SumOverRows(n, gradient, scratch, (i, g) =>
            {
                var x = rows[i];
                var p = new double[classes];
                for (var k = 0; k < classes; k++) p[k] = x.Dot(theta, k * dimension) + theta[weights + k];
                var max = p.Max();
                var logSum = max + Math.Log(p.Sum(s => Math.Exp(s - max)));
                var rowLoss = (logSum - p[labels[i]]) / n;
                for (var k = 0; k < classes; k++)
                {
                    var residual = (Math.Exp(p[k] - logSum) - (labels[i] == k ? 1 : 0)) / n;
                    var offset = k * dimension;
                    for (var j = 0; j < x.Count; j++) g[offset + x.Indices[j]] += residual * x.Values[j];
                    g[weights + k] += residual;
                }
                return rowLoss;
            });
            return loss + Regularise(theta, gradient, classes, dimension, options);
        }, options);
        return (new LinearModel(classes, dimension, point[..weights], point[weights..]), report);
    }

    internal static void Check(IReadOnlyList<SparseVector> rows, int labels, int dimension)
    {
        if (rows.Count == 0) throw new ArgumentException("no training rows");
        if (rows.Count != labels) throw new ArgumentException($"{rows.Count} rows but {labels} labels");
        if (rows.Any(r => r.Count > 0 && r.Indices[^1] >= dimension)) throw new ArgumentException($"a feature index is outside the dimension {dimension}");
    }

    /// <summary>Adds (λ/2)‖w‖² over the penalised weights of each output block to the loss, and λw to the gradient.</summary>
    internal static double Regularise(double[] theta, double[] gradient, int outputs, int dimension, TrainingOptions options)
    {
        var penalty = 0.0;
        var penalised = Math.Min(dimension, options.UnpenalisedFrom);
        for (var k = 0; k < outputs; k++)
            for (int j = k * dimension, end = k * dimension + penalised; j < end; j++)
            {
                penalty += theta[j] * theta[j];
                gradient[j] += options.L2 * theta[j];
            }
        return 0.5 * options.L2 * penalty;
    }

    /// <summary>
    /// Sums a per-row loss and gradient over the rows, one partial gradient per core. The partial gradients are
    /// allocated once per training (the scratch) and cleared, not reallocated, at every evaluation.
    /// </summary>
    internal static double SumOverRows(int n, double[] gradient, double[][] scratch, Func<int, double[], double> row)
    {
        var parts = scratch.Length;
        if (parts == 1)
        {
            var total = 0.0;
            for (var i = 0; i < n; i++) total += row(i, gradient);
            return total;
        }
        var losses = new double[parts];
        Parallel.For(0, parts, part =>
        {
            var g = scratch[part];
            Array.Clear(g);
            var sum = 0.0;
            for (var i = part * n / parts; i < (part + 1) * n / parts; i++) sum += row(i, g);
            losses[part] = sum;
        });
        foreach (var g in scratch)
            for (var j = 0; j < g.Length; j++) gradient[j] += g[j];
        return losses.Sum();
    }

    internal static double[][] Scratch(int rows, int size)
    {
        var parts = Math.Clamp(rows / 2000, 1, Environment.ProcessorCount);
        return parts == 1 ? [[]] : Enumerable.Range(0, parts).Select(_ => new double[size]).ToArray();
    }
}
