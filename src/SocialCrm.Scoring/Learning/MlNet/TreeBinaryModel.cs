using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;

namespace SocialCrm.Scoring.Learning.MlNet;

/// <summary>
/// A boosted tree ensemble from ML.NET's LightGbm trainer, scored by walking its trees as flat arrays. The reasons
/// follow each row's path (Saabas): every split moves the score from the node's expected value to the child's, and
/// that step is credited to the split's feature. A node's expected value is the mean of its leaves weighted by how
/// many training rows reached them, where those counts are known (stored beside the model), else unweighted.
/// </summary>
public sealed class TreeBinaryModel : BinaryModel
{
    public const string Name = "ML.NET LightGbm";

    // All trees' nodes in one set of arrays; a child index below zero is ~leaf, and leaves are numbered per tree.
    private readonly int[] _roots, _leafBase, _left, _right, _feature;
    private readonly float[] _threshold;
    private readonly double[] _leafValue, _nodeValue;
    private readonly double _bias;

    private readonly int[][]? _leafCounts;
    private readonly RegressionTreeEnsemble _ensemble;
    private readonly PlattCalibrator _calibrator;

    public TreeBinaryModel(byte[] zip, RegressionTreeEnsemble ensemble, PlattCalibrator calibrator, IReadOnlyList<int[]>? leafCounts) : base(zip, calibrator)
    {
        (_ensemble, _calibrator, _leafCounts) = (ensemble, calibrator, leafCounts?.ToArray());
        var trees = ensemble.Trees;
        _bias = ensemble.Bias;
        _roots = new int[trees.Count];
        _leafBase = new int[trees.Count];
        var (left, right, feature, threshold, leafValue, nodeValue) = (new List<int>(), new List<int>(), new List<int>(), new List<float>(), new List<double>(), new List<double>());
        var dimension = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            if (tree.CategoricalSplitFlags.Any(c => c)) throw new FormatException("the stored LightGbm model splits on categories, which SocialCrm's features never are: train it again");
            var weight = ensemble.TreeWeights[t];
            var (nodeBase, leafBase) = (left.Count, leafValue.Count);
            // A tree without a split is one leaf: its root is that leaf.
            (_roots[t], _leafBase[t]) = (tree.NumberOfNodes == 0 ? ~0 : nodeBase, leafBase);
            var counts = leafCounts is not null && t < leafCounts.Count && leafCounts[t].Length == tree.NumberOfLeaves ? leafCounts[t] : null;
            for (var n = 0; n < tree.NumberOfNodes; n++)
            {
                left.Add(tree.LeftChild[n] >= 0 ? nodeBase + tree.LeftChild[n] : tree.LeftChild[n]);
                right.Add(tree.RightChild[n] >= 0 ? nodeBase + tree.RightChild[n] : tree.RightChild[n]);
                feature.Add(tree.NumericalSplitFeatureIndexes[n]);
                threshold.Add(tree.NumericalSplitThresholds[n]);
                dimension = Math.Max(dimension, tree.NumericalSplitFeatureIndexes[n] + 1);
            }
            for (var l = 0; l < tree.NumberOfLeaves; l++) leafValue.Add(weight * tree.LeafValues[l]);
            // Expected values: the sum of count × value and the sum of counts under each node; count + 1 keeps leaves
            // no training row reached in the average.
            var sum = new double[tree.NumberOfNodes];
            var count = new double[tree.NumberOfNodes];
            (double Sum, double Count) Under(int node)
            {
                if (node < 0)
                {
                    var c = (counts?[~node] ?? 0) + 1.0;
                    return (c * weight * tree.LeafValues[~node], c);
                }
                var (l, r) = (Under(tree.LeftChild[node]), Under(tree.RightChild[node]));
                (sum[node], count[node]) = (l.Sum + r.Sum, l.Count + r.Count);
                return (sum[node], count[node]);
            }
            if (tree.NumberOfNodes > 0) Under(0);
            for (var n = 0; n < tree.NumberOfNodes; n++) nodeValue.Add(sum[n] / count[n]);
        }
        (_left, _right, _feature, _threshold, _leafValue, _nodeValue) = ([.. left], [.. right], [.. feature], [.. threshold], [.. leafValue], [.. nodeValue]);
        Dimension = dimension;
    }

    public override string Trainer => Name;

    /// <summary>One past the highest feature any tree splits on.</summary>
    public override int Dimension { get; }

    public int Trees => _roots.Length;

    public override int[][]? LeafCounts => _leafCounts;

    /// <summary>The same model with its nodes' expected values weighted by these leaf counts (the file is not read again).</summary>
    public TreeBinaryModel WithLeafCounts(IReadOnlyList<int[]> leafCounts) => new(Zip, _ensemble, _calibrator, leafCounts);

    public override double RawScore(ReadOnlySpan<double> x)
    {
        var s = _bias;
        for (var t = 0; t < _roots.Length; t++) s += _leafValue[_leafBase[t] + ~Leaf(t, x)];
        return s;
    }

    private int Leaf(int t, ReadOnlySpan<double> x)
    {
        var n = _roots[t];
        while (n >= 0) n = (float)x[_feature[n]] <= _threshold[n] ? _left[n] : _right[n];
        return n;
    }

    /// <summary>Which leaf of each tree x lands in: counted over the training rows, it weights the expected values.</summary>
    public int[][] CountLeaves(IEnumerable<double[]> rows)
    {
        var counts = new int[_roots.Length][];
        for (var t = 0; t < _roots.Length; t++) counts[t] = new int[(t + 1 < _roots.Length ? _leafBase[t + 1] : _leafValue.Length) - _leafBase[t]];
        foreach (var x in rows)
            for (var t = 0; t < _roots.Length; t++) counts[t][~Leaf(t, x)]++;
        return counts;
    }

    protected override void RawContributions(ReadOnlySpan<double> x, Span<double> into)
    {
        into.Clear();
        for (var t = 0; t < _roots.Length; t++)
        {
            var n = _roots[t];
            while (n >= 0)
            {
                var child = (float)x[_feature[n]] <= _threshold[n] ? _left[n] : _right[n];
                var next = child >= 0 ? _nodeValue[child] : _leafValue[_leafBase[t] + ~child];
                into[_feature[n]] += next - _nodeValue[n];
                n = child;
            }
        }
    }
}
