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

    public double Weight(int output, int index) => Weights[output * Dimension + index];

    public double[] Scores(SparseVector x)
    {
        var scores = new double[Outputs];
        for (var k = 0; k < Outputs; k++) scores[k] = x.Dot(Weights, k * Dimension) + Biases[k];
        return scores;
    }

    /// <summary>The same scores from a feature list as featurisers make it: no sorting needed, since a dot product is a sum.</summary>
    public double[] Scores(IReadOnlyList<NamedFeature> x)
    {
        var scores = new double[Outputs];
        for (var k = 0; k < Outputs; k++)
        {
            var sum = Biases[k];
            var offset = k * Dimension;
            for (var i = 0; i < x.Count; i++) sum += Weights[offset + x[i].Index] * x[i].Value;
            scores[k] = sum;
        }
        return scores;
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
