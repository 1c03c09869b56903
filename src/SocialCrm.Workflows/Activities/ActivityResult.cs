namespace SocialCrm.Workflows.Activities;

/// <summary>A request to wait: the instance is suspended until a message with this name and correlation id arrives.</summary>
public sealed record BookmarkRequest(string Name, string CorrelationId, DateTime? DueAt = null);

public sealed record ActivityResult(string? Outcome, BookmarkRequest? Bookmark, string? Detail)
{
    public const string Done = "Done";

    public static ActivityResult Completed(string outcome = Done, string? detail = null) => new(outcome, null, detail);
    public static ActivityResult Suspend(BookmarkRequest bookmark, string? detail = null) => new(null, bookmark, detail);
    public static ValueTask<ActivityResult> CompletedTask(string outcome = Done, string? detail = null) => ValueTask.FromResult(Completed(outcome, detail));
}
