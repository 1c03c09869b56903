namespace SocialCrm.Persistence.Messaging;

/// <summary>
/// One running SocialCrm process as it last reported itself: which host, where, which stages it runs, since when, and
/// when it was last seen. Every process writes its own row every few seconds; the operations page reads them all.
/// </summary>
public sealed class ProcessHeartbeat
{
    /// <summary>Machine, process id and start time: a restarted process is a new row.</summary>
    public string Id { get; set; } = "";
    public string Host { get; set; } = "";
    public string Machine { get; set; } = "";
    public int ProcessId { get; set; }

    /// <summary>The stages it runs, comma-separated in their order ("" for an intake that runs none).</summary>
    public string Stages { get; set; } = "";
    public string Version { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime LastSeenAt { get; set; }

    /// <summary>When it stopped of its own accord; null while it runs, or if it died (killed, crashed, its machine gone).</summary>
    public DateTime? StoppedAt { get; set; }
}
