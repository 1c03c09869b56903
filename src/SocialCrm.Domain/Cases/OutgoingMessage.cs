namespace SocialCrm.Domain.Cases;

public static class OutgoingKinds
{
    public const string Reply = "reply", ConnectionRequest = "connection_request";
}

public static class ConnectionAnswers
{
    public const string Pending = "pending", Accepted = "accepted", Declined = "declined";
}

/// <summary>
/// Where a message to a platform is: the sandbox records it as sent at once; a platform's sender queues it with the
/// stage's transaction and a dispatcher sends it after commit (sending, then sent or failed).
/// </summary>
public static class SendStatus
{
    public const string Queued = "queued", Sending = "sending", Sent = "sent", Failed = "failed";
}

/// <summary>A reply or connection request sent through a channel. (CaseId, Kind) is unique: a case sends each at most once.</summary>
public sealed class OutgoingMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid CustomerId { get; set; }
    public string Kind { get; set; } = OutgoingKinds.Reply;
    public string Platform { get; set; } = "";
    public string Recipient { get; set; } = "";
    /// <summary>The recipient's id on the platform (what the platforms' send APIs address), when known.</summary>
    public string? RecipientId { get; set; }
    /// <summary>The platform id of the post or message this answers: a public reply goes under it.</summary>
    public string? ReplyToPostId { get; set; }
    /// <summary>True when the answer goes privately (a direct message), as the customer wrote.</summary>
    public bool Private { get; set; }
    public string Status { get; set; } = SendStatus.Sent;
    /// <summary>Why the platform refused, in words, when Status is failed (or the last attempt failed and it waits to retry).</summary>
    public string? Error { get; set; }
    public int Attempts { get; set; }
    /// <summary>When a dispatcher claimed the message for sending; a claim much older than any send can take was interrupted.</summary>
    public DateTime? SendingSince { get; set; }
    /// <summary>When a queued message may be tried again: a platform's rate limit says when.</summary>
    public DateTime? NextAttemptAt { get; set; }
    public string Text { get; set; } = "";
    public string? ReplyKind { get; set; }
    /// <summary>The id the platform gave the message, so a customer's answer to it can be threaded back.</summary>
    public string PlatformMessageId { get; set; } = "";
    public string Sender { get; set; } = "";
    /// <summary>When it was sent (for a queued message: when it was queued, until the platform takes it).</summary>
    public DateTime SentAt { get; set; }
    public string? Answer { get; set; }
    public DateTime? AnsweredAt { get; set; }
}
