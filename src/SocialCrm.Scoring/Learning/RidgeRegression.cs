using SocialCrm.Scoring.Features;

namespace SocialCrm.Scoring.Learning;

/// <summary>Linear regression with L2: minimises (1/2n)Σ(w·x + b - y)² + (λ/2)‖w‖², by L-BFGS. For graded targets.</summary>
public static class RidgeRegression
{
    public static (LinearModel Model, TrainingReport Report) Train(IReadOnlyList<SparseVector> rows, IReadOnlyList<double> targets, int dimension, TrainingOptions options)
    {
        LogisticRegression.Check(rows, targets.Count, dimension);
        var compact = FeatureCompaction.Of(rows, dimension, options);
        var (model, report) = Fit(compact.Rows, targets, compact.Dimension, compact.Options);
        return (compact.Expand(model, dimension), report);
    }

    private static (LinearModel Model, TrainingReport Report) Fit(IReadOnlyList<SparseVector> rows, IReadOnlyList<double> targets, int dimension, TrainingOptions options)
    {
        var n = rows.Count;
        var scratch = LogisticRegression.Scratch(n, dimension + 1);
        var (point, report) = LbfgsFitter.Minimise(dimension + 1, (theta, gradient) =>
        {
            var loss = LogisticRegression.SumOverRows(n, gradient, scratch, (i, g) =>
            {
                var x = rows[i];
                var residual = x.Dot(theta) + theta[dimension] - targets[i];
                for (var j = 0; j < x.Count; j++) g[x.Indices[j]] += residual * x.Values[j] / n;
                g[dimension] += residual / n;
                return residual * residual / (2 * n);
            });
            return loss + LogisticRegression.Regularise(theta, gradient, 1, dimension, options);
        }, options);
        return (new LinearModel(1, dimension, point[..dimension], [point[dimension]]), report);
    }
}
