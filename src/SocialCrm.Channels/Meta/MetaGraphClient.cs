using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SocialCrm.Channels.Outbound;
using SocialCrm.Domain.Cases;

namespace SocialCrm.Channels.Meta;

/// <summary>
/// Replies through Meta's Graph API with the page's access token: a comment under a Facebook post or comment
/// (<c>POST /{id}/comments</c>), a reply to an Instagram comment (<c>POST /{comment-id}/replies</c>), and a Messenger
/// or Instagram message (<c>POST /me/messages</c>, messaging_type RESPONSE). Retries and rate-limit waits are the
/// resilience handler's (<see cref="ChannelServiceCollectionExtensions"/>).
/// </summary>
public sealed class MetaGraphClient(HttpClient http, MetaChannelOptions options) : IPlatformClient
{
    /// <summary>What outgoing messages record as their sender.</summary>
    public const string SenderName = "meta-graph";

    public static readonly string[] PlatformNames = ["facebook", "instagram"];

    public IReadOnlyList<string> Platforms => PlatformNames;

    /// <summary>
    /// A Graph read with the page token: null when Graph says the object does not exist or may not be read (a 4xx
    /// that is not a rate limit); a <see cref="PlatformSendException"/> when it cannot answer now.
    /// </summary>
    public async Task<JsonObject?> GetAsync(string pathAndQuery, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Authorization = new("Bearer", options.PageAccessToken);
        using var response = await http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return await response.Content.ReadFromJsonAsync<JsonObject>(ct);
        if (await RateLimits.GraphWaitAsync(response, ct) is { } wait)
            throw new PlatformSendException($"Meta's rate limit: try again in {wait.TotalMinutes:0} minute(s)", DateTime.UtcNow + wait);
        var error = await RateLimits.GraphErrorAsync(response, ct);
        // An expired token or a missing permission (190, 10, 200-299) is ours to fix, not the object's absence.
        if ((int)response.StatusCode is >= 400 and < 500 && error?.Code is not (190 or 10 or >= 200 and < 300)) return null;
        // A server error outlasted the retries: ask again later. A refusal (token, permission) is final until someone fixes it.
        throw new PlatformSendException($"Meta refused the read ({(int)response.StatusCode}): {error?.Message ?? response.ReasonPhrase}",
            (int)response.StatusCode >= 500 ? DateTime.UtcNow.AddMinutes(1) : null);
    }

    public async Task<PlatformSent> SendAsync(PlatformSend send, CancellationToken ct)
    {
        if (send.Kind != OutgoingKinds.Reply) throw new PlatformSendException($"{send.Platform}'s API has no connection requests");
        var (path, body) = send switch
        {
            { Private: true, RecipientId: { } recipient } => ("me/messages", new JsonObject
            {
                ["recipient"] = new JsonObject { ["id"] = recipient },
                ["messaging_type"] = "RESPONSE",
                ["message"] = new JsonObject { ["text"] = send.Text },
            }),
            { Private: true } => throw new PlatformSendException("the customer's platform id is unknown, so no message can be addressed to them"),
            { Platform: "instagram", ReplyToPostId: { } comment } => ($"{comment}/replies", new JsonObject { ["message"] = send.Text }),
            { ReplyToPostId: { } post } => ($"{post}/comments", new JsonObject { ["message"] = send.Text }),
            _ => throw new PlatformSendException("there is no post to reply under"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", options.PageAccessToken);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            if (await RateLimits.GraphWaitAsync(response, ct) is { } wait)
                throw new PlatformSendException($"Meta's rate limit: try again in {wait.TotalMinutes:0} minute(s)", DateTime.UtcNow + wait);
            var error = await RateLimits.GraphErrorAsync(response, ct);
            throw new PlatformSendException($"Meta refused the message ({(int)response.StatusCode}{(error?.Code is { } c ? $", code {c}" : "")}): {error?.Message ?? response.ReasonPhrase}");
        }
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
        var id = answer?["message_id"]?.GetValue<string>() ?? answer?["id"]?.GetValue<string>()
                 ?? throw new PlatformSendException("Meta answered without the id of what it published");
        return new PlatformSent(id);
    }
}
