namespace SocialCrm.Domain.Signals;

public static class SignalKinds
{
    public const string Post = "post", Comment = "comment", Review = "review", DirectMessage = "direct_message";
    public static readonly string[] All = [Post, Comment, Review, DirectMessage];
}

/// <summary>What a customer posted: the unit the listen stage captures. (Platform, PlatformPostId) is unique.</summary>
public sealed class Signal
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Platform { get; set; } = "";
    public string PlatformPostId { get; set; } = "";
    public string Kind { get; set; } = SignalKinds.Post;
    /// <summary>The author's id on the platform (Meta's page-scoped or Instagram-scoped id, X's user id): handles change, ids do not.</summary>
    public string? AuthorPlatformId { get; set; }
    public string AuthorHandle { get; set; } = "";
    public string? AuthorName { get; set; }
    public int AuthorFollowers { get; set; }
    public string Text { get; set; } = "";
    public string? Language { get; set; }
    public DateTime PostedAt { get; set; }
    public string? Url { get; set; }
    /// <summary>The platform id of the post this one answers, if any.</summary>
    public string? InReplyToPostId { get; set; }
    /// <summary>The signal that started the thread this one belongs to (itself when it starts one).</summary>
    public Guid? ThreadRootId { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime? CapturedAt { get; set; }
    public Guid? CustomerId { get; set; }
    public string? Sentiment { get; set; }
    public double? SentimentScore { get; set; }
    public string? Intent { get; set; }
    /// <summary>JSON {"sentiment": [...], "intent": [...]}: the reasons behind the listen stage's scores, for the brief.</summary>
    public string? ReasonsJson { get; set; }
    /// <summary>When the author last edited the post; the earlier texts are kept as SignalRevisions.</summary>
    public DateTime? EditedAt { get; set; }
    /// <summary>When the author (or the platform) removed the post; the signal stays, marked, so its case says so.</summary>
    public DateTime? RemovedAt { get; set; }
}

/// <summary>A text a signal had before its author edited it: the history of an edited post.</summary>
public sealed class SignalRevision
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SignalId { get; set; }
    public string Text { get; set; } = "";
    /// <summary>When this text was replaced by a newer one.</summary>
    public DateTime ReplacedAt { get; set; }
}
