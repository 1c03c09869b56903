using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.LightGbm;

namespace SocialCrm.Scoring.Learning.MlNet;

/// <summary>
/// A binary classifier trained by ML.NET, kept as the ML.NET model file (zip) it was saved as, and scored from the
/// parameters read out of that file: a PredictionEngine costs 2 to 13 µs a row here, the read-out parameters well
/// under one. A test holds both to the same probabilities.
/// </summary>
public abstract class BinaryModel(byte[] zip, PlattCalibrator calibrator)
{
    /// <summary>The ML.NET model file, as <c>MLContext.Model.Save</c> wrote it.</summary>
    public byte[] Zip => zip;

    /// <summary>The trainer, in words ("ML.NET LightGbm").</summary>
    public abstract string Trainer { get; }

    public abstract int Dimension { get; }

    /// <summary>For a tree ensemble, how many training rows reached each leaf of each tree; null for a linear model.</summary>
    public virtual int[][]? LeafCounts => null;

    /// <summary>The model's score before calibration (ML.NET's Score column).</summary>
    public abstract double RawScore(ReadOnlySpan<double> x);

    /// <summary>How much each feature of x pushed the score (before calibration) away from the average row's.</summary>
    protected abstract void RawContributions(ReadOnlySpan<double> x, Span<double> into);

    /// <summary>ML.NET's Probability column: the Platt calibration of the score.</summary>
    public double Probability(ReadOnlySpan<double> x) => 1 / (1 + Math.Exp(calibrator.Slope * RawScore(x) + calibrator.Offset));

    /// <summary>Each feature's push on the log-odds of the probability.</summary>
    public void Contributions(ReadOnlySpan<double> x, Span<double> into)
    {
        RawContributions(x, into);
        for (var j = 0; j < into.Length; j++) into[j] *= -calibrator.Slope;
    }

    /// <summary>Reads a model file this version of SocialCrm can score, or says in a FormatException why not.</summary>
    public static BinaryModel Load(byte[] zip, IReadOnlyList<int[]>? leafCounts = null)
    {
        ITransformer transformer;
        try
        {
            transformer = new MLContext().Model.Load(new MemoryStream(zip), out _);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException)
        {
            throw new FormatException($"the stored ML.NET model cannot be read ({e.Message}): train it again", e);
        }
        return transformer switch
        {
            BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>> t =>
                new LinearBinaryModel(zip, t.Model.SubModel, t.Model.Calibrator),
            BinaryPredictionTransformer<CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator>> t =>
                new TreeBinaryModel(zip, t.Model.SubModel.TrainedTreeEnsemble, t.Model.Calibrator, leafCounts),
            _ => throw new FormatException($"the stored ML.NET model is a {transformer.GetType().Name}, which this version of SocialCrm does not score: train it again"),
        };
    }
}
