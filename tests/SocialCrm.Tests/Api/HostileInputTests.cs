using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Channels.Inbound;
using SocialCrm.Persistence;

namespace SocialCrm.Tests.Api;

/// <summary>
/// Fuzzing every write endpoint of the real web host: at least 10,000 generated hostile requests (wrong types, nulls,
/// huge and deep bodies, control characters, invalid UTF-8, hostile route values, concurrent duplicates), signed where a
/// webhook needs it so they get past the signature. None may answer 5xx, and every valid signal accepted meanwhile
/// must still be in the store.
/// </summary>
public class HostileInputTests
{
    private const int Requests = 10_000;
    private const string Secret = "fuzz-secret";

    [Test]
    public async Task Ten_thousand_hostile_requests_get_no_5xx_and_lose_no_accepted_signal()
    {
        using var factory = new ApiFactory()
            .With("SocialCrm:Limits:RequestsPerMinutePerUser", "1000000")
            .With("SocialCrm:Channels:Meta:AppSecret", Secret).With("SocialCrm:Channels:Meta:VerifyToken", "fuzz")
            .With("SocialCrm:Channels:X:ConsumerSecret", Secret)
            .With("SocialCrm:Channels:Generic:fuzz:Secret", Secret);
        var client = await factory.ClientAsync("fuzzer", "admin", "agent", "analyst", "backoffice");
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Method: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.FirstOrDefault(m => m is "POST" or "PUT" or "PATCH" or "DELETE"), Pattern: e.RoutePattern))
            .Where(r => r.Method is not null && !r.Pattern.RawText!.Contains("_blazor"))
            .ToList();
        Assert.That(routes, Has.Count.GreaterThan(15), "every write endpoint is fuzzed");

        // Valid signals go in all the while; each one accepted must survive the storm.
        var accepted = new ConcurrentBag<Guid>();
        using var stop = new CancellationTokenSource();
        var honest = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var answer = await client.PostAsJsonAsync("/api/signals", new { platform = "x", postId = $"honest-{i}", authorHandle = $"honest{i % 9}", text = "My parcel is late again, please help", postedAt = DateTimeOffset.UtcNow });
                if (answer.StatusCode == HttpStatusCode.Accepted)
                    accepted.Add((await answer.Content.ReadFromJsonAsync<JsonObject>())!["signalId"]!.GetValue<Guid>());
                await Task.Delay(20);
            }
        });

        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var sent = 0;
        var random = new Random(20261125);
        var plans = Enumerable.Range(0, Requests).Select(i =>
        {
            var (method, pattern) = routes[i % routes.Count];
            return (Method: method!, Path: Hostile.Path(pattern, random), Body: Hostile.Body(pattern.RawText!, random), Copies: i % 50 == 0 ? 3 : 1, Sign: random.Next(4) != 0);
        }).ToList();
        await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (plan, ct) =>
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, plan.Copies).Select(async _ =>
            {
                using var request = new HttpRequestMessage(new HttpMethod(plan.Method), plan.Path) { Content = new ByteArrayContent(plan.Body.Bytes) };
                request.Content.Headers.ContentType = new(plan.Body.ContentType);
                if (plan.Sign)
                {
                    request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", WebhookSignature.HexOf(plan.Body.Bytes, Secret));
                    request.Headers.TryAddWithoutValidation("x-twitter-webhooks-signature", WebhookSignature.Base64Of(plan.Body.Bytes, Secret));
                    request.Headers.TryAddWithoutValidation("X-SocialCrm-Signature", WebhookSignature.HexOf(plan.Body.Bytes, Secret));
                }
                using var response = await client.SendAsync(request, ct);
                Interlocked.Increment(ref sent);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                return ((int)response.StatusCode, (int)response.StatusCode >= 500 ? await response.Content.ReadAsStringAsync(ct) : "");
            }));
            foreach (var (status, text) in answers.Where(a => a.Item1 >= 500))
                failures.Enqueue($"{plan.Method} {plan.Path} [{plan.Body.What}] -> {status} {text[..Math.Min(300, text.Length)]}");
        });
        await stop.CancelAsync();
        await honest;

        TestContext.Progress.WriteLine("answers: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        Assert.That(sent, Is.GreaterThanOrEqualTo(Requests));
        Assert.That(statuses.GetValueOrDefault(400), Is.GreaterThan(sent / 3), "most hostile requests get past routing and sign-in to the checks that refuse them");
        Assert.That(failures, Is.Empty, $"{failures.Count} answers were 5xx; the first:\n{string.Join("\n", failures.Take(15))}");
        Assert.That(accepted, Is.Not.Empty);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var ids = accepted.ToList();
        Assert.That(await db.Signals.CountAsync(s => ids.Contains(s.Id)), Is.EqualTo(ids.Count), "every signal accepted during the storm is still there");
    }
}

/// <summary>Generated hostile requests: route values and bodies, some shaped like what the endpoint takes with one part broken.</summary>
internal static class Hostile
{
    public sealed record Payload(byte[] Bytes, string ContentType, string What);

    private static readonly string[] Strings =
    [
        "", " ", "\u0000", "a\u0000b", "\u0007\u001b[31m", "\ud800", "\uffff", "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd",
        "%00", "𝕳𝖊𝖑𝖑𝖔 👋🏽", "null", "NaN", "-1", "1e309", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-13-45T99:99:99Z",
        "x", "instagram", "{\"a\":1}", "\t\r\n", new string('(', 5000), new string('a', 70_000),
    ];

    private static readonly string[] Segments = ["nosuch", "%00", "..", "%2e%2e%2f", new string('a', 3000), "-1", "0", "2147483648", "analyse", "listen", "fuzz", "meta", "' or 1=1"];

    public static string Path(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern, Random random) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p => p.ParameterPolicies.Count > 0 && random.Next(3) != 0
                ? (p.ParameterPolicies[0].Content == "guid" ? Guid.NewGuid().ToString() : random.Next(-2, 5).ToString())
                : Uri.EscapeDataString(Pick(Segments, random)),
            _ => "",
        }))));

    public static Payload Body(string route, Random random) => random.Next(12) switch
    {
        0 => new([], "application/json", "empty body"),
        1 => new([0xC3, 0x28, 0x7B, 0xFF, 0xFE, 0x22, 0x80], "application/json", "invalid UTF-8"),
        2 => new(Encoding.UTF8.GetBytes(new string('[', 20_000) + new string(']', 20_000)), "application/json", "20,000 levels deep"),
        3 => new(Encoding.UTF8.GetBytes("{\"text\": \"" + new string('x', 3_000_000) + "\"}"), "application/json", "3 MB"),
        4 => new(Encoding.UTF8.GetBytes("not json at all <xml/>"), "text/plain", "not JSON"),
        5 => new(Encoding.UTF8.GetBytes("{\"a\": 1,"), "application/json", "truncated JSON"),
        6 => new(Encoding.UTF8.GetBytes("userName=%00&password=" + new string('x', 5000)), "application/x-www-form-urlencoded", "form"),
        _ => Json(Shaped(route, random), "shaped with hostile values"),
    };

    private static Payload Json(JsonNode? node, string what) =>
        new(Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null"), "application/json", what);

    /// <summary>What the route takes, roughly, with some fields missing, null, of the wrong type or hostile.</summary>
    private static JsonNode? Shaped(string route, Random random)
    {
        JsonObject template = route switch
        {
            _ when route.Contains("signals") || route.Contains("generic") => new() { ["platform"] = "x", ["postId"] = $"p{random.Next()}", ["authorHandle"] = "h", ["authorId"] = "1", ["text"] = "late parcel", ["postedAt"] = "2026-11-25T10:00:00Z", ["authorFollowers"] = 10 },
            _ when route.Contains("actions") => new() { ["action"] = "reply", ["replyKind"] = "personalised", ["text"] = "Sorry!", ["connectionRequest"] = false, ["reason"] = "x" },
            _ when route.Contains("draft") => new() { ["definitionId"] = "analyse", ["name"] = "A", ["start"] = "a", ["activities"] = new JsonArray(new JsonObject { ["id"] = "a", ["type"] = "If", ["inputs"] = new JsonObject { ["condition"] = "1 > 0" } }), ["connections"] = new JsonArray() },
            _ when route.Contains("customers") => new() { ["name"] = "Ann", ["email"] = "ann@example.com", ["lifetimeRevenue"] = 10.5, ["purchases"] = new JsonArray(new JsonObject { ["orderNumber"] = "1", ["amount"] = 3, ["at"] = "2026-01-01T00:00:00Z" }), ["accounts"] = new JsonArray(new JsonObject { ["platform"] = "x", ["handle"] = "ann", ["platformUserId"] = "9" }) },
            _ when route.Contains("users") => new() { ["userName"] = "u" + random.Next(), ["roles"] = new JsonArray("agent"), ["disabled"] = false },
            _ when route.Contains("answer") => new() { ["accepted"] = true },
            _ when route.Contains("token") => new() { ["userName"] = "fuzzer", ["password"] = "wrong" },
            _ when route.Contains("meta") => new() { ["object"] = "page", ["entry"] = new JsonArray(new JsonObject { ["id"] = "1", ["time"] = 1, ["changes"] = new JsonArray(new JsonObject { ["field"] = "feed", ["value"] = new JsonObject { ["item"] = "comment", ["verb"] = "add", ["comment_id"] = "c", ["from"] = new JsonObject { ["id"] = "2", ["name"] = "n" }, ["message"] = "hi" } }) }) },
            _ when route.Contains("/x") => new() { ["for_user_id"] = "1", ["tweet_create_events"] = new JsonArray(new JsonObject { ["id_str"] = "5", ["text"] = "hi", ["user"] = new JsonObject { ["id_str"] = "7", ["screen_name"] = "s" } }) },
            _ => new() { ["value"] = 1 },
        };
        Break(template, random, depth: 0);
        return random.Next(10) switch
        {
            0 => new JsonArray(template, null, 5),
            1 => null,
            _ => template,
        };
    }

    private static void Break(JsonNode node, Random random, int depth)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (random.Next(3) == 0) o[key] = HostileValue(random);
                    else if (random.Next(8) == 0) o.Remove(key);
                    else if (o[key] is { } child && depth < 6) Break(child, random, depth + 1);
                }
                if (random.Next(5) == 0 && Pick(Strings, random) is var name) o[name[..Math.Min(20, name.Length)] + random.Next()] = HostileValue(random);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                    if (random.Next(3) == 0) a[i] = HostileValue(random);
                    else if (a[i] is { } child && depth < 6) Break(child, random, depth + 1);
                if (random.Next(6) == 0) a.Add(HostileValue(random));
                break;
        }
    }

    private static JsonNode? HostileValue(Random random) => random.Next(10) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0 ? long.MaxValue : -1),
        2 => JsonValue.Create(random.NextDouble() * 1e300),
        3 => JsonValue.Create(random.Next(2) == 0),
        4 => new JsonArray(JsonValue.Create(Pick(Strings, random)), null),
        5 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = Pick(Strings, random) } },
        6 => JsonValue.Create(0.1m),
        _ => JsonValue.Create(Pick(Strings, random)),
    };

    private static T Pick<T>(T[] items, Random random) => items[random.Next(items.Length)];
}
