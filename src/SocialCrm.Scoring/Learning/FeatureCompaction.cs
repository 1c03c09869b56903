using SocialCrm.Scoring.Features;

namespace SocialCrm.Scoring.Learning;

/// <summary>
/// Training only over the features that occur in the rows. A weight whose feature is zero in every row gets no
/// gradient but λw, so its optimum is 0: leaving it out changes nothing but the cost. Hashed text spaces are mostly
/// empty on small sets (a few hundred posts touch 20,000 of 65,536 buckets), and L-BFGS works on whole vectors.
/// </summary>
internal sealed class FeatureCompaction
{
    private readonly int[]? _used;

    public IReadOnlyList<SparseVector> Rows { get; }
    public int Dimension { get; }
    public TrainingOptions Options { get; }

    private FeatureCompaction(IReadOnlyList<SparseVector> rows, int dimension, TrainingOptions options, int[]? used) =>
        (Rows, Dimension, Options, _used) = (rows, dimension, options, used);

    public static FeatureCompaction Of(IReadOnlyList<SparseVector> rows, int dimension, TrainingOptions options)
    {
        var seen = new bool[dimension];
        foreach (var row in rows)
            foreach (var i in row.Indices) seen[i] = true;
        var used = Enumerable.Range(0, dimension).Where(i => seen[i]).ToArray();
        if (used.Length == dimension) return new FeatureCompaction(rows, dimension, options, null);
        var map = new int[dimension];
        for (var j = 0; j < used.Length; j++) map[used[j]] = j;
        // The map keeps the order, so rows stay sorted and unpenalised features stay last.
        var compact = rows.Select(r => new SparseVector(Array.ConvertAll(r.Indices, i => map[i]), r.Values)).ToList();
        var unpenalised = options.UnpenalisedFrom >= dimension ? int.MaxValue : used.Count(i => i < options.UnpenalisedFrom);
        return new FeatureCompaction(compact, used.Length, options with { UnpenalisedFrom = unpenalised }, used);
    }

    /// <summary>The fitted model in the full feature space: zero weight for every feature left out.</summary>
    public LinearModel Expand(LinearModel model, int dimension)
    {
        if (_used is null) return model;
        var weights = new double[model.Outputs * dimension];
        for (var k = 0; k < model.Outputs; k++)
            for (var j = 0; j < _used.Length; j++) weights[k * dimension + _used[j]] = model.Weights[k * model.Dimension + j];
        return new LinearModel(model.Outputs, dimension, weights, model.Biases);
    }
}
