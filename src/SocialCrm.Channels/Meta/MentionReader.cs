using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SocialCrm.Channels.Inbound;

namespace SocialCrm.Channels.Meta;

/// <summary>The mention could not be read now (Graph unreachable or refusing); the platform should deliver it again later.</summary>
public sealed class LookupUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Reads what a platform sent only by id.</summary>
public interface IInboundLookup
{
    /// <summary>The item with its text and author; null when the platform says it no longer exists; with a Problem when it cannot be read.</summary>
    Task<InboundItem?> CompleteAsync(InboundItem item, CancellationToken ct);
}

/// <summary>
/// Instagram mentions arrive as ids only; the text is read through the account:
/// <c>GET /{ig-user-id}?fields=mentioned_comment.comment_id({id}){text,username,timestamp}</c> for a comment, and
/// <c>mentioned_media.media_id({id}){caption,username,timestamp}</c> for a caption.
/// </summary>
public sealed class MentionReader(MetaGraphClient graph, MetaChannelOptions options) : IInboundLookup
{
    public async Task<InboundItem?> CompleteAsync(InboundItem item, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(options.InstagramAccountId))
            return item with { Problem = "reading an Instagram mention needs SocialCrm:Channels:Meta:InstagramAccountId" };
        var comment = item.Kind == "comment";
        var field = comment ? $"mentioned_comment.comment_id({item.PostId}){{text,username,timestamp}}" : $"mentioned_media.media_id({item.PostId}){{caption,username,timestamp}}";
        JsonObject? answer;
        try
        {
            answer = await graph.GetAsync($"{options.InstagramAccountId}?fields={Uri.EscapeDataString(field)}", ct);
        }
        catch (Outbound.PlatformSendException e) when (e.RetryAt is null)
        {
            // The token or a permission is wrong: retrying will not help until an admin fixes it, so it is left out and logged.
            return item with { Problem = $"the mention could not be read: {e.Message}" };
        }
        catch (Exception e) when (e is HttpRequestException or Outbound.PlatformSendException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            throw new LookupUnavailableException($"Instagram could not be asked for the mention's text: {e.Message}", e);
        }
        var found = answer?[comment ? "mentioned_comment" : "mentioned_media"] as JsonObject;
        if (found is null) return null;
        var text = found[comment ? "text" : "caption"]?.GetValue<string>();
        if (string.IsNullOrWhiteSpace(text)) return null;
        return item with
        {
            Text = text,
            AuthorHandle = found["username"]?.GetValue<string>() ?? "",
            OccurredAt = DateTimeOffset.TryParse(found["timestamp"]?.GetValue<string>(), out var at) ? at.UtcDateTime : item.OccurredAt,
            NeedsLookup = false,
        };
    }
}
