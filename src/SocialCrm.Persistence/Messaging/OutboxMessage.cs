namespace SocialCrm.Persistence.Messaging;

/// <summary>A bus message committed with the state change that caused it; the relay publishes it after commit. Id is the MessageId.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string MessageType { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>
    /// The W3C traceparent of the work that wrote it (a webhook, an API call, a stage's handler), so the relay's publish
    /// and every stage after it join that trace: one trace per signal, through the outbox's hand-over.
    /// </summary>
    public string? TraceParent { get; set; }
}

/// <summary>A message a consumer has handled: (MessageId, Consumer) is the key, so a redelivery has no second effect.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }
    public string Consumer { get; set; } = "";
    public DateTime ProcessedAt { get; set; }

    /// <summary>How long its handler ran (the operations page's handling time, across every process of a cluster).</summary>
    public double HandlingMs { get; set; }
}

/// <summary>A message that kept failing after retries: kept for an admin to see and replay.</summary>
public sealed class FailedMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? MessageId { get; set; }
    public string MessageType { get; set; } = "";
    public string Body { get; set; } = "";
    public string Error { get; set; } = "";
    public DateTime FailedAt { get; set; }
    public DateTime? ReplayedAt { get; set; }
}
