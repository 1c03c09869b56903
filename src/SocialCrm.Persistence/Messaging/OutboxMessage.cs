namespace SocialCrm.Persistence.Messaging;

/// <summary>A bus message committed with the state change that caused it; the relay publishes it after commit. Id is the MessageId.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string MessageType { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

/// <summary>A message a consumer has handled: (MessageId, Consumer) is the key, so a redelivery has no second effect.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }
    public string Consumer { get; set; } = "";
    public DateTime ProcessedAt { get; set; }
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
