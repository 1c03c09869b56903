namespace SocialCrm.Channels;

/// <summary>What each platform lets a company do. Unknown platforms get the safe answer: reply only.</summary>
public static class ChannelCapabilities
{
    private static readonly Dictionary<string, (string? ConnectionKind, int RequestsPerDay)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["x"] = ("follow", 400),
        ["twitter"] = ("follow", 400),
        ["instagram"] = ("follow", 200),
        ["facebook"] = ("page invite", 500),
        ["linkedin"] = ("invite", 100),
        ["tiktok"] = ("follow", 200),
        ["trustpilot"] = (null, 0),
        ["google"] = (null, 0),
        ["email"] = (null, 0),
    };

    public static readonly string[] Platforms = Known.Keys.ToArray();

    /// <summary>The kind of connection request the platform supports ("follow", "invite", ...), or null if none.</summary>
    public static string? ConnectionKind(string platform) => Known.TryGetValue(platform, out var c) ? c.ConnectionKind : null;

    /// <summary>The platform's daily limit on connection requests from one company account.</summary>
    public static int ConnectionRequestsPerDay(string platform) => Known.TryGetValue(platform, out var c) ? c.RequestsPerDay : 0;

    public static bool IsKnown(string platform) => Known.ContainsKey(platform);
}
