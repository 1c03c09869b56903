namespace SocialCrm.Scoring.Learning;

/// <summary>A reproducible split: the same seed and keys give the same held-out part on every machine.</summary>
public static class DataSplit
{
    /// <summary>Held out when the stable hash of (seed, key) falls in the first fraction: independent of row order.</summary>
    public static bool IsHeldOut(string key, double fraction, int seed = 2014) =>
        (Features.FeatureHash.Of($"{seed}:{key}") % 10_000) < fraction * 10_000;

    public static (List<T> Train, List<T> HeldOut) Split<T>(IEnumerable<T> items, Func<T, string> key, double fraction, int seed = 2014)
    {
        var train = new List<T>();
        var held = new List<T>();
        foreach (var item in items) (IsHeldOut(key(item), fraction, seed) ? held : train).Add(item);
        return (train, held);
    }
}
