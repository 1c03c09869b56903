namespace SocialCrm.Scoring.Learning;

/// <summary>
/// Centres and scales dense features by the training rows' means and standard deviations, so that one L2 strength
/// fits features of any unit and a weight times a standardised value says how much that feature moved the score.
/// </summary>
public sealed record Standardiser(double[] Means, double[] Scales)
{
    public static Standardiser Fit(IReadOnlyList<double[]> rows)
    {
        var d = rows[0].Length;
        var means = new double[d];
        var scales = new double[d];
        for (var j = 0; j < d; j++)
        {
            var mean = rows.Average(r => r[j]);
            var sd = Math.Sqrt(rows.Average(r => (r[j] - mean) * (r[j] - mean)));
            means[j] = mean;
            scales[j] = sd > 1e-9 ? sd : 1; // a constant feature stays at zero rather than dividing by zero
        }
        return new Standardiser(means, scales);
    }

    /// <summary>Standardises x in place (its first Means.Length entries).</summary>
    public void ApplyInPlace(Span<double> x)
    {
        for (var j = 0; j < Means.Length; j++) x[j] = (x[j] - Means[j]) / Scales[j];
    }

    public double[] Apply(double[] x)
    {
        var z = new double[x.Length];
        for (var j = 0; j < x.Length; j++) z[j] = (x[j] - Means[j]) / Scales[j];
        return z;
    }
}
