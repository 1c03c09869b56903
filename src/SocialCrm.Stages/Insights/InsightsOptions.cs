namespace SocialCrm.Stages.Insights;

/// <summary>Topics and spike alerts (section SocialCrm:Insights).</summary>
public sealed class InsightsOptions
{
    /// <summary>Whether this process finds topics and raises alerts. One process of a cluster is enough (the web host by default).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Minutes between recomputations of the topics over the last WindowDays (warm: continuing from the last one).</summary>
    public double RecomputeMinutes { get; set; } = 10;

    /// <summary>Minutes between placing new posts in the topics and checking every topic for a spike.</summary>
    public double CheckMinutes { get; set; } = 1;

    /// <summary>The posts topics are found in: those of the last this many days.</summary>
    public int WindowDays { get; set; } = 7;

    /// <summary>A spike is looked for in the last this many minutes, against the this many hours before them.</summary>
    public int SpikeWindowMinutes { get; set; } = 30;

    public int BaselineHours { get; set; } = 24;

    /// <summary>A topic raises an alert of a kind at most once in this many hours.</summary>
    public int AlertQuietHours { get; set; } = 6;

    /// <summary>
    /// The key the alert webhook's deliveries are signed with (HMAC-SHA256): from configuration or a secret store, never
    /// the repository. Without it no webhook can be set: an unsigned alert could be forged by anyone who finds the URL.
    /// </summary>
    public string AlertWebhookSecret { get; set; } = "";

    /// <summary>Whether the alert webhook may be a plain http address (a chat tool on the same machine, a test); https otherwise.</summary>
    public bool AlertWebhookAllowHttp { get; set; }

    /// <summary>A failed delivery is tried again after this many seconds, doubling each time, six tries in all.</summary>
    public double AlertWebhookRetrySeconds { get; set; } = 30;
}
