namespace SocialCrm.Channels;

/// <summary>
/// The platforms' secrets and endpoints (section SocialCrm:Channels). Secrets come from configuration, in production
/// environment variables such as <c>SocialCrm__Channels__Meta__AppSecret</c>, never from the repository; a channel
/// whose secret is not set is off.
/// </summary>
public sealed class ChannelOptions
{
    public MetaChannelOptions Meta { get; set; } = new();
    public XChannelOptions X { get; set; } = new();

    /// <summary>Other sources by name (the {source} of /webhooks/generic/{source}), each with its own secret.</summary>
    public Dictionary<string, GenericSourceOptions> Generic { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The largest webhook body taken, in bytes; platforms send far less.</summary>
    public int MaxBodyBytes { get; set; } = 1 << 20;

    /// <summary>The longest a send waits inline for a platform's rate limit to lift; a longer wait re-queues the message until then.</summary>
    public int MaxInlineWaitSeconds { get; set; } = 30;
}

public sealed class MetaChannelOptions
{
    /// <summary>The Meta app's secret: signs every delivery (X-Hub-Signature-256).</summary>
    public string? AppSecret { get; set; }

    /// <summary>What we told Meta to send in the subscription handshake (hub.verify_token).</summary>
    public string? VerifyToken { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(AppSecret) && !string.IsNullOrEmpty(VerifyToken);

    /// <summary>The page's access token for the Graph API; set, replies to Facebook and Instagram go out through it instead of the sandbox.</summary>
    public string? PageAccessToken { get; set; }

    /// <summary>The Graph API's address with its version.</summary>
    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com/v21.0/";

    /// <summary>The Instagram professional account's id: mentions of it are read through it.</summary>
    public string? InstagramAccountId { get; set; }

    public bool Sends => !string.IsNullOrEmpty(PageAccessToken);
}

public sealed class XChannelOptions
{
    /// <summary>The X app's consumer secret: signs deliveries and answers the CRC check.</summary>
    public string? ConsumerSecret { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(ConsumerSecret);

    /// <summary>The account's OAuth 2.0 user access token; set, replies, DMs and follows go out through X's API instead of the sandbox.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The account's own user id (follows are made in its name).</summary>
    public string? AccountId { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.x.com/";

    public bool Sends => !string.IsNullOrEmpty(AccessToken) && !string.IsNullOrEmpty(AccountId);
}

public sealed class GenericSourceOptions
{
    public string? Secret { get; set; }
}
