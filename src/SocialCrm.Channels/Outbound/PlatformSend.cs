namespace SocialCrm.Channels.Outbound;

/// <summary>What a platform's sender is asked to do: the message as the act stage queued it.</summary>
public sealed record PlatformSend(string Kind, string Platform, string Text, bool Private, string? RecipientId, string? ReplyToPostId);

/// <summary>The platform took it: its id for what it published.</summary>
public sealed record PlatformSent(string PlatformMessageId);

/// <summary>
/// The platform refused. <see cref="RetryAt"/> is set when it said to come back later (a rate limit longer than we
/// wait inline); otherwise the refusal is final and the message fails, with <see cref="Exception.Message"/> in words.
/// </summary>
public sealed class PlatformSendException(string message, DateTime? retryAt = null, Exception? inner = null) : Exception(message, inner)
{
    public DateTime? RetryAt { get; } = retryAt;
}

/// <summary>One platform's send API.</summary>
public interface IPlatformClient
{
    /// <summary>The platforms this client sends to ("facebook" and "instagram" for Meta's Graph API).</summary>
    IReadOnlyList<string> Platforms { get; }

    Task<PlatformSent> SendAsync(PlatformSend send, CancellationToken ct);
}
