namespace SocialCrm.Scoring.Features;

/// <summary>FNV-1a over the UTF-16 code units: stable across processes and machines, unlike string.GetHashCode.</summary>
public static class FeatureHash
{
    public static uint Of(string text) => Of(text.AsSpan());

    public static uint Of(ReadOnlySpan<char> text, uint hash = 2166136261u)
    {
        foreach (var c in text)
        {
            hash = (hash ^ (uint)(c & 0xFF)) * 16777619u;
            hash = (hash ^ (uint)(c >> 8)) * 16777619u;
        }
        return hash;
    }

    public static int Bucket(string feature, int bits) => Mask(Of(feature), bits);

    /// <summary>The bucket of prefix + text, without building the string (same value as Bucket(prefix + text)).</summary>
    public static int Bucket(string prefix, ReadOnlySpan<char> text, int bits) => Mask(Of(text, Of(prefix)), bits);

    private static int Mask(uint hash, int bits) => (int)(hash & ((1u << bits) - 1));
}
