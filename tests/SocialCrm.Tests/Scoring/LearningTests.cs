using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Learning.MlNet;
using SocialCrm.Scoring.Metrics;

namespace SocialCrm.Tests.Scoring;

/// <summary>ML.NET's trainers on our features, and the metrics, on data whose answers are known.</summary>
public class LearningTests
{
    [Test]
    public void Binary_logistic_regression_learns_a_separable_set()
    {
        var random = new Random(1);
        var rows = new List<double[]>();
        var labels = new List<bool>();
        for (var i = 0; i < 400; i++)
        {
            double a = random.NextDouble() * 2 - 1, b = random.NextDouble() * 2 - 1;
            if (Math.Abs(a + 2 * b) < 0.05) continue; // a margin around the boundary a + 2b = 0
            rows.Add([a, b]);
            labels.Add(a + 2 * b > 0);
        }
        var model = (LinearBinaryModel)BinaryTrainer.Train(rows, labels, BinaryTrainer.Linear().First());
        var predicted = rows.Select(r => model.Probability(r) > 0.5).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(predicted, Is.EqualTo(labels), "every training row right");
            Assert.That(model.Weights[1] / model.Weights[0], Is.EqualTo(2).Within(0.3), "the boundary a + 2b = 0 is found");
        });
    }

    [Test]
    public void Multinomial_logistic_regression_learns_three_separable_classes()
    {
        // Class k has feature k on; the model must learn to read it.
        var rows = Enumerable.Range(0, 90).Select(i => new SparseVector([i % 3, 3], [1.0, 0.5])).ToList();
        var labels = Enumerable.Range(0, 90).Select(i => i % 3).ToList();
        var (model, _) = SparseLinearTrainer.TrainMultinomial(rows, labels, 3, 4, 1e-4f);
        var predicted = rows.Select(r => Array.IndexOf(model.Probabilities(r), model.Probabilities(r).Max())).ToList();
        Assert.That(predicted, Is.EqualTo(labels));
        Assert.That(model.Probabilities(rows[0])[0], Is.GreaterThan(0.9));
    }

    [Test]
    public void Regularisation_is_weighed_against_the_mean_loss_whatever_the_number_of_rows()
    {
        // The same rows twice over: with the strength against the mean loss the fit does not change.
        var rows = Enumerable.Range(0, 60).Select(i => new SparseVector([i % 3, 3], [1.0, (i % 5) / 5.0])).ToList();
        var labels = Enumerable.Range(0, 60).Select(i => i % 7 == 0 ? (i + 1) % 3 : i % 3).ToList();
        var (once, _) = SparseLinearTrainer.TrainMultinomial(rows, labels, 3, 4, 1e-2f);
        var (twice, _) = SparseLinearTrainer.TrainMultinomial([.. rows, .. rows], [.. labels, .. labels], 3, 4, 1e-2f);
        Assert.That(twice.Weights, Is.EqualTo(once.Weights).Within(1e-3));
    }

    [Test]
    public void Ridge_regression_matches_the_closed_form_on_a_tiny_set()
    {
        double[][] x = [[1, 0, 2], [0, 1, 1], [2, 1, 0], [1, 3, 1], [0, 0, 1], [3, 1, 2]];
        double[] y = [3.1, 1.2, 2.9, 4.8, 0.7, 6.3];
        const float l2 = 0.1f;
        var (model, _) = SparseLinearTrainer.TrainRegression(x.Select(r => SparseVector.Dense(r)).ToList(), y, 3, l2);

        // Minimise (1/2n)‖Xw + b - y‖² + (λ/2)‖w‖²: (AᵀA + nλ·diag(1,1,1,0)) θ = Aᵀy with A = [X 1], θ = [w b].
        var n = x.Length;
        var a = x.Select(r => r.Append(1).ToArray()).ToArray();
        var lhs = new double[4, 4];
        var rhs = new double[4];
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++) lhs[i, j] = a.Sum(r => r[i] * r[j]) + (i == j && i < 3 ? n * l2 : 0);
            rhs[i] = a.Select((r, k) => r[i] * y[k]).Sum();
        }
        var theta = Solve(lhs, rhs);

        // SDCA stops at its convergence tolerance rather than at the exact optimum.
        Assert.That(model.Weights.Append(model.Biases[0]).ToArray(), Is.EqualTo(theta).Within(5e-3));
    }

    /// <summary>Gaussian elimination with partial pivoting, for the closed form above.</summary>
    private static double[] Solve(double[,] m, double[] v)
    {
        var n = v.Length;
        for (var c = 0; c < n; c++)
        {
            var pivot = Enumerable.Range(c, n - c).MaxBy(r => Math.Abs(m[r, c]));
            for (var j = 0; j < n; j++) (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            (v[c], v[pivot]) = (v[pivot], v[c]);
            for (var r = c + 1; r < n; r++)
            {
                var f = m[r, c] / m[c, c];
                for (var j = c; j < n; j++) m[r, j] -= f * m[c, j];
                v[r] -= f * v[c];
            }
        }
        var x = new double[n];
        for (var r = n - 1; r >= 0; r--) x[r] = (v[r] - Enumerable.Range(r + 1, n - r - 1).Sum(j => m[r, j] * x[j])) / m[r, r];
        return x;
    }

    [Test]
    public void Metrics_match_hand_worked_values()
    {
        int[] truth = [0, 0, 1, 1, 2, 2];
        int[] predicted = [0, 1, 1, 1, 2, 0];
        var perClass = ClassMetrics.PerClass(truth, predicted, ["a", "b", "c"]);
        Assert.Multiple(() =>
        {
            Assert.That(ClassMetrics.Accuracy(truth, predicted), Is.EqualTo(4 / 6.0).Within(1e-12));
            // a: tp 1, fp 1, fn 1 -> 0.5; b: tp 2, fp 1, fn 0 -> P 2/3, R 1, F1 0.8; c: tp 1, fp 0, fn 1 -> P 1, R 0.5, F1 2/3
            Assert.That(perClass.Select(c => c.F1), Is.EqualTo(new[] { 0.5, 0.8, 2 / 3.0 }).Within(1e-12));
            Assert.That(ClassMetrics.MacroF1(perClass), Is.EqualTo((0.5 + 0.8 + 2 / 3.0) / 3).Within(1e-12));
            // AUC: positives score 0.8, 0.4; negatives 0.6, 0.2: pairs won 3 of 4
            Assert.That(ClassMetrics.RocAuc([true, true, false, false], [0.8, 0.4, 0.6, 0.2]), Is.EqualTo(0.75).Within(1e-12));
            Assert.That(ClassMetrics.RocAuc([true, false], [0.5, 0.5]), Is.EqualTo(0.5), "a tie counts half");
            // log loss: -(ln 0.9 + ln 0.5) / 2
            Assert.That(ClassMetrics.LogLoss([0, 1], [[0.9, 0.1], [0.5, 0.5]]), Is.EqualTo(-(Math.Log(0.9) + Math.Log(0.5)) / 2).Within(1e-12));
            // calibration: confidence 0.9 and 0.9 in one bin, one right: |0.5 - 0.9| = 0.4
            Assert.That(ClassMetrics.CalibrationError([0, 1], [[0.9, 0.1], [0.9, 0.1]]), Is.EqualTo(0.4).Within(1e-12));
            Assert.That(ClassMetrics.Pearson([1, 2, 3, 4], [2, 4, 6, 8]), Is.EqualTo(1).Within(1e-12));
            Assert.That(ClassMetrics.Pearson([1, 2, 3], [1, 3, 2]), Is.EqualTo(0.5).Within(1e-12));
        });
    }

    [Test]
    public void Text_features_are_stable_and_share_inflected_forms()
    {
        var featurizer = new TextFeaturizer(bits: 18);
        var a = featurizer.Named("Tilaus tuli rikki #fail @Kauppa https://x.example/1 :(");
        Assert.That(a.Select(f => f.Name), Does.Contain("w:rikki").And.Contain("w:fail").And.Contain("w:<user>").And.Contain("w:<url>").And.Contain("w::("));
        Assert.That(featurizer.Featurize("rikki").Dot(Dense(featurizer.Featurize("rikkinäinen"), featurizer.Dimension)), Is.GreaterThan(0.2),
            "an inflected form shares character n-grams with its stem");
        Assert.That(FeatureHash.Of("w:broken"), Is.EqualTo(2908048319u), "stored models depend on this hash never changing");
        Assert.That(FeatureHash.Bucket("c:", "rikk".AsSpan(), 18), Is.EqualTo(FeatureHash.Bucket("c:rikk", 18)), "hashing from spans equals hashing the string");
        Assert.That(Math.Sqrt(featurizer.Featurize("so broken, so sad").Values.Sum(v => v * v)), Is.EqualTo(1).Within(1e-12));
    }

    private static double[] Dense(SparseVector v, int dimension)
    {
        var d = new double[dimension];
        for (var i = 0; i < v.Count; i++) d[v.Indices[i]] = v.Values[i];
        return d;
    }

    [Test]
    public void The_held_out_part_does_not_depend_on_row_order()
    {
        var keys = Enumerable.Range(0, 1000).Select(i => $"tweet-{i}").ToList();
        var (_, held) = DataSplit.Split(keys, k => k, 0.2);
        var (_, heldReversed) = DataSplit.Split(Enumerable.Reverse(keys), k => k, 0.2);
        Assert.That(heldReversed, Is.EquivalentTo(held));
        Assert.That(held.Count, Is.InRange(150, 250));
    }
}
