using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace SocialCrm.Scoring.Learning;

/// <summary>
/// Minimises a smooth convex objective with MathNet's L-BFGS. The objective tracks the best point it has seen,
/// so a run stopped by the iteration limit or a line search that can make no more progress still returns it.
/// </summary>
internal static class LbfgsFitter
{
    public static (double[] Point, TrainingReport Report) Minimise(int size, Func<double[], double[], double> lossAndGradient, TrainingOptions options)
    {
        var clock = Stopwatch.StartNew();
        var best = (Loss: double.PositiveInfinity, Point: new double[size]);
        var evaluations = 0;
        var objective = ObjectiveFunction.Gradient(point =>
        {
            var x = point.AsArray() ?? point.ToArray();
            var gradient = new double[size];
            var loss = lossAndGradient(x, gradient);
            evaluations++;
            if (loss < best.Loss) best = (loss, (double[])x.Clone());
            return (loss, Vector<double>.Build.Dense(gradient));
        });
        var minimiser = new LimitedMemoryBfgsMinimizer(options.GradientTolerance, 1e-12, 1e-12, memory: 10, maximumIterations: options.MaxIterations);
        string stop;
        var iterations = 0;
        try
        {
            var result = minimiser.FindMinimum(objective, Vector<double>.Build.Dense(size));
            iterations = result.Iterations;
            stop = result.ReasonForExit.ToString();
        }
        catch (MaximumIterationsException)
        {
            iterations = options.MaxIterations;
            stop = "MaximumIterations";
        }
        catch (Exception e) when (e is OptimizationException or ArgumentException)
        {
            // The line search found no lower point: at the optimum to machine precision.
            stop = "LineSearchConverged";
            iterations = evaluations;
        }
        return (best.Point, new TrainingReport(iterations, best.Loss, stop, clock.Elapsed));
    }
}
