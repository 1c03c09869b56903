namespace SocialCrm.Stages.Listen.Ingest;

/// <summary>A normalised signal as platforms' adapters, the API and JSONL files deliver it.</summary>
public sealed record SignalInput
{
    public string? Platform { get; init; }
    public string? PostId { get; init; }
    public string? Kind { get; init; }
    public string? AuthorHandle { get; init; }
    public string? AuthorName { get; init; }
    public int? AuthorFollowers { get; init; }
    public string? Text { get; init; }
    public string? Language { get; init; }
    public DateTimeOffset? PostedAt { get; init; }
    public string? Url { get; init; }
    public string? InReplyToPostId { get; init; }
}

public sealed record IngestResult(Guid SignalId, bool Duplicate);
