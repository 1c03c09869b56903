using SocialCrm.Stages.Listen.Ingest;

namespace SocialCrm.Tests.Infrastructure;

/// <summary>Signals as a platform adapter would deliver them.</summary>
public static class Signals
{
    public static SignalInput Complaint(string? postId = null, string handle = "jane_doe", string platform = "x") => new()
    {
        Platform = platform,
        PostId = postId ?? $"post-{Guid.NewGuid():N}",
        Kind = "post",
        AuthorHandle = handle,
        AuthorName = "Jane Doe",
        AuthorFollowers = 250,
        Text = "My blender arrived broken and support never answered. Really disappointed!",
        PostedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        Url = "https://x.example/jane_doe/status/1",
    };

    public static SignalInput FollowUp(string inReplyTo, string handle = "jane_doe", string platform = "x") => new()
    {
        Platform = platform,
        PostId = $"post-{Guid.NewGuid():N}",
        Kind = "comment",
        AuthorHandle = handle,
        AuthorName = "Jane Doe",
        Text = "Thanks, that solved it! Great help",
        PostedAt = DateTimeOffset.UtcNow,
        InReplyToPostId = inReplyTo,
    };
}
