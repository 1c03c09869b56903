using SocialCrm.Channels.Meta;
using SocialCrm.Channels.X;

namespace SocialCrm.Channels.Outbound;

/// <summary>Which platforms send for real (their token is configured), through which sender, and what their APIs cannot do; the rest use the sandbox.</summary>
public sealed class PlatformDirectory(ChannelOptions options)
{
    /// <summary>The live sender of a platform, or null when its messages go to the sandbox.</summary>
    public string? SenderOf(string platform) =>
        options.Meta.Sends && MetaGraphClient.PlatformNames.Contains(platform) ? MetaGraphClient.SenderName
        : options.X.Sends && XApiClient.PlatformNames.Contains(platform) ? XApiClient.SenderName
        : null;

    /// <summary>Why a live platform's API cannot send a connection request, or null (the sandbox records any).</summary>
    public string? WhyNoConnectionRequests(string platform) => SenderOf(platform) == MetaGraphClient.SenderName
        ? $"{(platform == "facebook" ? "Facebook" : "Instagram")}'s API has no way to send a {(platform == "facebook" ? "page invite" : "follow")}; ask in the reply instead"
        : null;
}
