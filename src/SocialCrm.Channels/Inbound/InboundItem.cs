namespace SocialCrm.Channels.Inbound;

/// <summary>What a platform told us about one post: it was written, edited or removed.</summary>
public enum InboundAction { Add, Edit, Remove }

/// <summary>
/// One item of a webhook delivery in the platform-neutral shape the listen stage stores as a signal.
/// (Platform, PostId) identifies the post, so a platform's retries and duplicates give one signal.
/// </summary>
public sealed record InboundItem
{
    public required InboundAction Action { get; init; }
    public required string Platform { get; init; }
    public required string PostId { get; init; }
    public string Kind { get; init; } = "post";
    /// <summary>The author's id on the platform; identity resolution prefers it to the handle, which can change.</summary>
    public string? AuthorId { get; init; }
    public string AuthorHandle { get; init; } = "";
    public string? AuthorName { get; init; }
    public int AuthorFollowers { get; init; }
    public string Text { get; init; } = "";
    public string? Language { get; init; }
    /// <summary>When it was posted (for an edit or removal: when that happened).</summary>
    public required DateTime OccurredAt { get; init; }
    public string? Url { get; init; }
    /// <summary>The platform id of the post or message this one answers: the thread.</summary>
    public string? InReplyToPostId { get; init; }
    /// <summary>The platform sent only ids (an Instagram mention): the text and author are read from its API before storing.</summary>
    public bool NeedsLookup { get; init; }
    /// <summary>Why this item cannot be stored (a field the platform should have sent is missing); the rest of the delivery still is.</summary>
    public string? Problem { get; init; }

    /// <summary>An item of a delivery that could not be read, kept so the delivery's answer and log say what was left out.</summary>
    public static InboundItem Unusable(string platform, string problem) =>
        new() { Action = InboundAction.Add, Platform = platform, PostId = "", OccurredAt = DateTime.UtcNow, Problem = problem };
}
