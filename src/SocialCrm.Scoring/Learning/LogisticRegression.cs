using SocialCrm.Scoring.Features;

namespace SocialCrm.Scoring.Learning;

/// <summary>Logistic regression with L2 regularisation, trained by L-BFGS on sparse rows; the gradient is summed over both cores.</summary>
public static class LogisticRegression
{
    /// <summary>Binary: minimises mean log(1 + e^(-y z)) + (λ/2)‖w‖².</summary>
    public static (LinearModel Model, TrainingReport Report) TrainBinary(IReadOnlyList<SparseVector> rows, IReadOnlyList<bool> labels, int dimension, TrainingOptions options)
    {
        Check(rows, labels.Count, dimension);
        var n = rows.Count;
        var (point, report) = LbfgsFitter.Minimise(dimension + 1, (theta, gradient) =>
        {
            var loss = SumOverRows(n, dimension + 1, gradient, (i, g) =>
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
            return loss + Regularise(theta, gradient, 0, dimension, options.L2);
        }, options);
        return (new LinearModel(1, dimension, point[..dimension], [point[dimension]]), report);
    }

    /// <summary>Multinomial: minimises the mean cross-entropy of the softmax + (λ/2)‖W‖².</summary>
    public static (LinearModel Model, TrainingReport Report) TrainMultinomial(IReadOnlyList<SparseVector> rows, IReadOnlyList<int> labels, int classes, int dimension,
        TrainingOptions options)
    {
        Check(rows, labels.Count, dimension);
        if (labels.Any(l => l < 0 || l >= classes)) throw new ArgumentException($"labels must lie in 0..{classes - 1}");
        var n = rows.Count;
        var weights = classes * dimension;
        var (point, report) = LbfgsFitter.Minimise(weights + classes, (theta, gradient) =>
        {
            var loss = SumOverRows(n, weights + classes, gradient, (i, g) =>
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
            return loss + Regularise(theta, gradient, 0, weights, options.L2);
        }, options);
        return (new LinearModel(classes, dimension, point[..weights], point[weights..]), report);
    }

    internal static void Check(IReadOnlyList<SparseVector> rows, int labels, int dimension)
    {
        if (rows.Count == 0) throw new ArgumentException("no training rows");
        if (rows.Count != labels) throw new ArgumentException($"{rows.Count} rows but {labels} labels");
        if (rows.Any(r => r.Count > 0 && r.Indices[^1] >= dimension)) throw new ArgumentException($"a feature index is outside the dimension {dimension}");
    }

    /// <summary>Adds (λ/2)‖θ[from..to)‖² to the loss and λθ to the gradient.</summary>
    internal static double Regularise(double[] theta, double[] gradient, int from, int to, double l2)
    {
        var penalty = 0.0;
        for (var j = from; j < to; j++)
        {
            penalty += theta[j] * theta[j];
            gradient[j] += l2 * theta[j];
        }
        return 0.5 * l2 * penalty;
    }

    /// <summary>Sums a per-row loss and gradient over the rows, one partial gradient per core.</summary>
    internal static double SumOverRows(int n, int size, double[] gradient, Func<int, double[], double> row)
    {
        var parts = Math.Clamp(n / 2000, 1, Environment.ProcessorCount);
        if (parts == 1)
        {
            var total = 0.0;
            for (var i = 0; i < n; i++) total += row(i, gradient);
            return total;
        }
        var losses = new double[parts];
        var partials = new double[parts][];
        Parallel.For(0, parts, part =>
        {
            var g = new double[size];
            var sum = 0.0;
            for (var i = part * n / parts; i < (part + 1) * n / parts; i++) sum += row(i, g);
            losses[part] = sum;
            partials[part] = g;
        });
        foreach (var g in partials)
            for (var j = 0; j < size; j++) gradient[j] += g[j];
        return losses.Sum();
    }
}
