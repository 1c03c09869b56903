namespace SocialCrm.Scoring.Features;

/// <summary>A feature vector that stores only its non-zero entries (indices ascending, no repeats).</summary>
public sealed class SparseVector(int[] indices, double[] values)
{
    public int[] Indices { get; } = indices;
    public double[] Values { get; } = values;
    public int Count => Indices.Length;

    public double Dot(double[] weights, int offset = 0)
    {
        var sum = 0.0;
        for (var i = 0; i < Indices.Length; i++) sum += weights[offset + Indices[i]] * Values[i];
        return sum;
    }

    /// <summary>Sums repeated indices and sorts: the form every learner expects.</summary>
    public static SparseVector FromPairs(IEnumerable<(int Index, double Value)> pairs)
    {
        var merged = new SortedDictionary<int, double>();
        foreach (var (index, value) in pairs) merged[index] = merged.GetValueOrDefault(index) + value;
        return new SparseVector([.. merged.Keys], [.. merged.Values]);
    }

    public static SparseVector Dense(params double[] values) => new([.. Enumerable.Range(0, values.Length)], values);
}
