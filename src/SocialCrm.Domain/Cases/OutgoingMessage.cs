namespace SocialCrm.Domain.Cases;

public static class OutgoingKinds
{
    public const string Reply = "reply", ConnectionRequest = "connection_request";
}

public static class ConnectionAnswers
{
    public const string Pending = "pending", Accepted = "accepted", Declined = "declined";
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
    public string Text { get; set; } = "";
    public string? ReplyKind { get; set; }
    /// <summary>The id the platform gave the message, so a customer's answer to it can be threaded back.</summary>
    public string PlatformMessageId { get; set; } = "";
    public string Sender { get; set; } = "";
    public DateTime SentAt { get; set; }
    public string? Answer { get; set; }
    public DateTime? AnsweredAt { get; set; }
}
