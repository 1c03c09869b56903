using System.Runtime.InteropServices;

namespace SocialCrm.Scoring.Learning;

/// <summary>A linear model as stored: weights as base64 float32 (a 2^18 x 3 model is 3 MB rather than 15 MB of JSON numbers).</summary>
public sealed record LinearModelJson(int Outputs, int Dimension, string Weights, double[] Biases)
{
    public static LinearModelJson From(LinearModel model) =>
        new(model.Outputs, model.Dimension, Convert.ToBase64String(MemoryMarshal.AsBytes(model.Weights.Select(w => (float)w).ToArray().AsSpan())), model.Biases);

    public LinearModel ToModel()
    {
        var floats = MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(Weights));
        if (floats.Length != Outputs * Dimension) throw new FormatException($"expected {Outputs * Dimension} weights, found {floats.Length}");
        var weights = new double[floats.Length];
        for (var i = 0; i < floats.Length; i++) weights[i] = floats[i];
        return new LinearModel(Outputs, Dimension, weights, Biases);
    }
}
