namespace SocialCrm.Scoring.Features;

/// <summary>FNV-1a over the UTF-16 code units: stable across processes and machines, unlike string.GetHashCode.</summary>
public static class FeatureHash
{
    public static uint Of(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ (uint)(c & 0xFF)) * 16777619u;
            hash = (hash ^ (uint)(c >> 8)) * 16777619u;
        }
        return hash;
    }

    public static int Bucket(string feature, int bits) => (int)(Of(feature) & ((1u << bits) - 1));
}
