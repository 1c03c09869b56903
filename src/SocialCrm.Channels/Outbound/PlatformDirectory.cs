namespace SocialCrm.Channels.Outbound;

/// <summary>Which platforms send for real (their token is configured) and what their APIs cannot do; the rest use the sandbox.</summary>
public sealed class PlatformDirectory(ChannelOptions options)
{
    public bool IsLive(string platform) => platform switch
    {
        "facebook" or "instagram" => options.Meta.Sends,
        "x" or "twitter" => options.X.Sends,
        _ => false,
    };

    /// <summary>Why a live platform's API cannot send a connection request, or null (the sandbox records any).</summary>
    public string? WhyNoConnectionRequests(string platform) => IsLive(platform) && platform is "facebook" or "instagram"
        ? $"{(platform == "facebook" ? "Facebook" : "Instagram")}'s API has no way to send a {(platform == "facebook" ? "page invite" : "follow")}; ask in the reply instead"
        : null;
}
