using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SocialCrm.Tests.Channels;

/// <summary>
/// Meta's Graph API and X's API v2 as a local server that behaves like them: it checks each request's path, token
/// and JSON shape (a wrong one gets the platform's own error answer), answers with ids, and can be told to answer
/// the next requests with errors and rate limits (X's 429 with x-rate-limit-reset, Graph's throttling codes).
/// </summary>
public sealed class FakePlatforms : IAsyncDisposable
{
    public const string GraphToken = "EAAG-fake-page-token", XToken = "x-fake-user-token", XAccount = "2244994945";
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task<bool>>> _next = new();
    private int _ids;

    public sealed record Call(string Path, string? Token, JsonObject? Body, DateTime At);

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Comments that mention the Instagram account, by comment id: what Graph answers for mentioned_comment.</summary>
    public ConcurrentDictionary<string, (string Text, string Username)> Mentions { get; } = new();
    public string GraphBaseUrl { get; private set; } = "";
    public string XBaseUrl { get; private set; } = "";

    private FakePlatforms(WebApplication app) => _app = app;

    public static async Task<FakePlatforms> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakePlatforms(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.GraphBaseUrl = $"{address}/graph/v21.0/";
        fake.XBaseUrl = $"{address}/x/";
        return fake;
    }

    /// <summary>The next request is answered with this status and body instead (once).</summary>
    public void AnswerNext(HttpStatusCode status, string body, params (string Header, string Value)[] headers) =>
        _next.Enqueue(async http =>
        {
            foreach (var (header, value) in headers) http.Response.Headers[header] = value;
            http.Response.StatusCode = (int)status;
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(body);
            return true;
        });

    public void XRateLimitNext(TimeSpan resetIn) =>
        AnswerNext(HttpStatusCode.TooManyRequests, """{"title":"Too Many Requests","detail":"Too Many Requests","type":"about:blank","status":429}""",
            ("x-rate-limit-limit", "100"), ("x-rate-limit-remaining", "0"),
            ("x-rate-limit-reset", DateTimeOffset.UtcNow.Add(resetIn).ToUnixTimeSeconds().ToString()));

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        JsonObject? body = null;
        try { body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject; } catch (System.Text.Json.JsonException) { }
        var auth = http.Request.Headers.Authorization.ToString();
        Calls.Enqueue(new Call(path, auth.StartsWith("Bearer ") ? auth[7..] : null, body, DateTime.UtcNow));
        if (_next.TryDequeue(out var answer) && await answer(http)) return;

        if (path.StartsWith("/graph/v21.0/")) await GraphAsync(http, path["/graph/v21.0/".Length..], auth, body);
        else if (path.StartsWith("/x/")) await XAsync(http, path["/x/".Length..], auth, body);
        else http.Response.StatusCode = 404;
    }

    private async Task GraphAsync(HttpContext http, string path, string auth, JsonObject? body)
    {
        async Task Error(int status, int code, string message)
        {
            http.Response.StatusCode = status;
            await http.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = "OAuthException", ["code"] = code, ["fbtrace_id"] = "AbCdEf" } });
        }
        if (auth != $"Bearer {GraphToken}") { await Error(400, 190, "Invalid OAuth access token."); return; }
        var parts = path.Split('/');
        if (http.Request.Method == "GET")
        {
            var fields = http.Request.Query["fields"].ToString();
            var match = System.Text.RegularExpressions.Regex.Match(fields, @"^mentioned_comment\.comment_id\((\w+)\)\{text,username,timestamp\}$");
            if (parts.Length != 1 || !match.Success) { await Error(400, 100, $"(#100) Tried accessing nonexisting field ({fields})"); return; }
            if (!Mentions.TryGetValue(match.Groups[1].Value, out var mention)) { await Error(400, 100, "(#100) The comment does not exist"); return; }
            await http.Response.WriteAsJsonAsync(new JsonObject
            {
                ["mentioned_comment"] = new JsonObject { ["text"] = mention.Text, ["username"] = mention.Username, ["timestamp"] = DateTime.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd'T'HH:mm:ss+0000"), ["id"] = match.Groups[1].Value },
                ["id"] = parts[0],
            });
            return;
        }
        if (parts is ["me", "messages"])
        {
            if (body?["recipient"]?["id"] is null || body["message"]?["text"] is null || body["messaging_type"]?.ToString() != "RESPONSE")
            { await Error(400, 100, "(#100) The parameter recipient is required"); return; }
            await http.Response.WriteAsJsonAsync(new JsonObject { ["recipient_id"] = body["recipient"]!["id"]!.ToString(), ["message_id"] = $"m_sent{Interlocked.Increment(ref _ids)}" });
        }
        else if (parts is [_, "comments" or "replies"])
        {
            if (body?["message"] is null) { await Error(400, 100, "(#100) Missing message"); return; }
            await http.Response.WriteAsJsonAsync(new JsonObject { ["id"] = $"{parts[0]}_reply{Interlocked.Increment(ref _ids)}" });
        }
        else await Error(400, 100, $"Unsupported post request. Object with ID '{parts[0]}' does not exist");
    }

    private async Task XAsync(HttpContext http, string path, string auth, JsonObject? body)
    {
        async Task Problem(int status, string detail)
        {
            http.Response.StatusCode = status;
            await http.Response.WriteAsJsonAsync(new JsonObject { ["title"] = "Invalid Request", ["detail"] = detail, ["type"] = "https://api.twitter.com/2/problems/invalid-request", ["status"] = status });
        }
        if (auth != $"Bearer {XToken}") { await Problem(401, "Unauthorized"); return; }
        var parts = path.Split('/');
        var id = $"18600000000000{Interlocked.Increment(ref _ids):D5}";
        var hasText = body?["text"] is not null;
        var repliesTo = body?["reply"]?["in_reply_to_tweet_id"] is not null;
        var hasTarget = body?["target_user_id"] is not null;
        switch (parts)
        {
            case ["2", "tweets"] when hasText && repliesTo:
                http.Response.StatusCode = 201;
                await http.Response.WriteAsJsonAsync(new JsonObject { ["data"] = new JsonObject { ["id"] = id, ["text"] = body!["text"]!.ToString(), ["edit_history_tweet_ids"] = new JsonArray(id) } });
                break;
            case ["2", "dm_conversations", "with", _, "messages"] when hasText:
                http.Response.StatusCode = 201;
                await http.Response.WriteAsJsonAsync(new JsonObject { ["data"] = new JsonObject { ["dm_conversation_id"] = $"{parts[3]}-{XAccount}", ["dm_event_id"] = id } });
                break;
            case ["2", "users", XAccount, "following"] when hasTarget:
                await http.Response.WriteAsJsonAsync(new JsonObject { ["data"] = new JsonObject { ["following"] = true, ["pending_follow"] = false } });
                break;
            default:
                await Problem(400, $"the request to {path} does not match the API");
                break;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
