namespace SocialCrm.Domain.Workplace;

public static class NotificationKinds
{
    public const string Assigned = "assigned", Mention = "mention", SlaSoon = "sla-soon", SendFailed = "send-failed";
}

/// <summary>Something a user should look at: a case given to them, a mention, an SLA about to pass, a send that failed.</summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string UserName { get; set; } = "";
    public string Kind { get; set; } = NotificationKinds.Assigned;
    public Guid? CaseId { get; set; }
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
