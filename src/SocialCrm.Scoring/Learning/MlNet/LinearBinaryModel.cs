using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers;

namespace SocialCrm.Scoring.Learning.MlNet;

/// <summary>Logistic regression from ML.NET's L-BFGS trainer, scored from its weights.</summary>
public sealed class LinearBinaryModel : BinaryModel
{
    public const string Name = "ML.NET L-BFGS logistic regression";

    private readonly double[] _weights;
    private readonly double _bias;

    public LinearBinaryModel(byte[] zip, LinearBinaryModelParameters parameters, PlattCalibrator calibrator) : base(zip, calibrator)
    {
        _weights = [.. parameters.Weights.Select(w => (double)w)];
        _bias = parameters.Bias;
    }

    public override string Trainer => Name;
    public override int Dimension => _weights.Length;

    public IReadOnlyList<double> Weights => _weights;

    public override double RawScore(ReadOnlySpan<double> x)
    {
        var s = _bias;
        for (var j = 0; j < _weights.Length; j++) s += _weights[j] * x[j];
        return s;
    }

    /// <summary>Weight times value: on standardised features, the push away from the average row.</summary>
    protected override void RawContributions(ReadOnlySpan<double> x, Span<double> into)
    {
        for (var j = 0; j < _weights.Length; j++) into[j] = _weights[j] * x[j];
    }
}
