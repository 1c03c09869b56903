using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SocialCrm.Channels.Outbound;
using SocialCrm.Domain.Cases;

namespace SocialCrm.Channels.X;

/// <summary>
/// Replies, direct messages and follows through X's API v2 with the account's user access token:
/// <c>POST /2/tweets</c> with <c>reply.in_reply_to_tweet_id</c>, <c>POST /2/dm_conversations/with/{id}/messages</c>,
/// and <c>POST /2/users/{account}/following</c> as the connection request.
/// </summary>
public sealed class XApiClient(HttpClient http, XChannelOptions options) : IPlatformClient
{
    /// <summary>What outgoing messages record as their sender.</summary>
    public const string SenderName = "x-api";

    public static readonly string[] PlatformNames = ["x", "twitter"];

    public IReadOnlyList<string> Platforms => PlatformNames;

    public async Task<PlatformSent> SendAsync(PlatformSend send, CancellationToken ct)
    {
        var (path, body, idOf) = send switch
        {
            { Kind: OutgoingKinds.ConnectionRequest, RecipientId: { } user } => ($"2/users/{options.AccountId}/following",
                new JsonObject { ["target_user_id"] = user }, (Func<JsonObject, string?>)(_ => $"follow-{user}")),
            { Private: true, RecipientId: { } user } => ($"2/dm_conversations/with/{user}/messages",
                new JsonObject { ["text"] = send.Text }, a => a["data"]?["dm_event_id"]?.GetValue<string>()),
            { Private: false, ReplyToPostId: { } tweet } => ("2/tweets",
                new JsonObject { ["text"] = send.Text, ["reply"] = new JsonObject { ["in_reply_to_tweet_id"] = tweet } }, a => a["data"]?["id"]?.GetValue<string>()),
            _ => throw new PlatformSendException("the customer's X user id or tweet is unknown, so nothing can be addressed to them"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", options.AccessToken);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            if (RateLimits.XWait(response, DateTimeOffset.UtcNow) is { } wait)
                throw new PlatformSendException($"X's rate limit: try again in {Math.Ceiling(wait.TotalMinutes):0} minute(s)", DateTime.UtcNow + wait);
            var detail = await response.Content.ReadAsStringAsync(ct);
            var problem = TryDetail(detail);
            throw new PlatformSendException($"X refused the message ({(int)response.StatusCode}): {problem ?? response.ReasonPhrase}");
        }
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(ct) ?? [];
        return new PlatformSent(idOf(answer) ?? throw new PlatformSendException("X answered without the id of what it published"));
    }

    /// <summary>X's problem body: {"title", "detail", "type", "status"}.</summary>
    private static string? TryDetail(string body)
    {
        try { return JsonNode.Parse(body)?["detail"]?.GetValue<string>(); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
