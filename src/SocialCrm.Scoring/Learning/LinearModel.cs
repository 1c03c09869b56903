using SocialCrm.Scoring.Features;

namespace SocialCrm.Scoring.Learning;

/// <summary>
/// Weights of a linear model with Outputs rows (one per class for multinomial, one for binary and regression):
/// score_k(x) = w_k · x + b_k.
/// </summary>
public sealed class LinearModel(int outputs, int dimension, double[] weights, double[] biases)
{
    public int Outputs { get; } = outputs;
    public int Dimension { get; } = dimension;
    public double[] Weights { get; } = weights;
    public double[] Biases { get; } = biases;

    /// <summary>Two models over the same features as one, the first's outputs then the second's: one pass scores both.</summary>
    public static LinearModel Stack(LinearModel first, LinearModel second)
    {
        if (first.Dimension != second.Dimension) throw new ArgumentException("stacked models must share their features");
        return new LinearModel(first.Outputs + second.Outputs, first.Dimension, [.. first.Weights, .. second.Weights], [.. first.Biases, .. second.Biases]);
    }

    public double Weight(int output, int index) => Weights[output * Dimension + index];

    public double[] Scores(SparseVector x)
    {
        var scores = new double[Outputs];
        for (var k = 0; k < Outputs; k++) scores[k] = x.Dot(Weights, k * Dimension) + Biases[k];
        return scores;
    }

    private float[]? _byFeature;

    /// <summary>
    /// The same scores from a feature list as featurisers make it: no sorting needed, since a dot product is a sum.
    /// Scoring reads a float copy of the weights laid out feature by feature, so the outputs' weights of one hashed
    /// feature share a cache line: a post touches a few hundred scattered buckets, and each cache miss costs more
    /// than the arithmetic.
    /// </summary>
    public double[] Scores(IReadOnlyList<NamedFeature> x)
    {
        var w = _byFeature ??= ByFeature();
        var scores = (double[])Biases.Clone();
        var outputs = Outputs;
        ReadOnlySpan<NamedFeature> features = x is List<NamedFeature> list ? System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list) : x.ToArray();
        foreach (var f in features)
        {
            var offset = f.Index * outputs;
            for (var k = 0; k < outputs; k++) scores[k] += w[offset + k] * f.Value;
        }
        return scores;
    }

    /// <summary>How far feature index pushes output k above the outputs' mean, per unit of the feature (for explanations).</summary>
    public double Lead(int output, int index)
    {
        var w = _byFeature ??= ByFeature();
        var offset = index * Outputs;
        var sum = 0.0;
        for (var k = 0; k < Outputs; k++) sum += w[offset + k];
        return w[offset + output] - sum / Outputs;
    }

    private float[] ByFeature()
    {
        var w = new float[Weights.Length];
        for (var k = 0; k < Outputs; k++)
            for (var j = 0; j < Dimension; j++) w[j * Outputs + k] = (float)Weights[k * Dimension + j];
        return w;
    }

    /// <summary>Class probabilities: the sigmoid for a binary model ([P(false), P(true)]), the softmax otherwise.</summary>
    public double[] Probabilities(SparseVector x) => ToProbabilities(Scores(x));

    public double[] Probabilities(IReadOnlyList<NamedFeature> x) => ToProbabilities(Scores(x));

    private double[] ToProbabilities(double[] scores)
    {
        if (Outputs == 1)
        {
            var p = Sigmoid(scores[0]);
            return [1 - p, p];
        }
        Softmax(scores);
        return scores;
    }

    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>In place, shifted by the maximum so large scores do not overflow.</summary>
    public static void Softmax(double[] scores)
    {
        var max = scores.Max();
        var sum = 0.0;
        for (var k = 0; k < scores.Length; k++) sum += scores[k] = Math.Exp(scores[k] - max);
        for (var k = 0; k < scores.Length; k++) scores[k] /= sum;
    }
}
