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
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Api;

/// <summary>
/// Fuzzing every write endpoint of the real web host: at least 10,000 generated hostile requests (wrong types, nulls,
/// huge and deep bodies, control characters, invalid UTF-8, hostile route values, concurrent duplicates), signed where a
/// webhook needs it so they get past the signature. None may answer 5xx, and every valid signal accepted meanwhile
/// must still be in the store.
/// </summary>
public class HostileInputTests
{
    private const string Secret = "fuzz-secret";

    /// <summary>10,000 requests a store in CI; SOCIALCRM_FUZZ_REQUESTS=20000 for a longer run.</summary>
    private static int Requests => int.TryParse(Environment.GetEnvironmentVariable("SOCIALCRM_FUZZ_REQUESTS"), out var n) ? n : 10_000;

    [Test]
    public Task Hostile_requests_on_SQLite_get_no_5xx_and_lose_no_accepted_signal() => FuzzAsync(new ApiFactory());

    [Test]
    public async Task Hostile_requests_on_PostgreSQL_get_no_5xx_and_lose_no_accepted_signal()
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await FuzzAsync(new ApiFactory().With("SocialCrm:Database:Provider", "postgres").With("SocialCrm:Database:ConnectionString", database.ConnectionString));
    }

    private static async Task FuzzAsync(ApiFactory host)
    {
        using var factory = host
            .With("SocialCrm:Limits:RequestsPerMinutePerUser", "1000000").With("SocialCrm:Limits:AnonymousRequestsPerMinutePerAddress", "1000000")
            .With("SocialCrm:Channels:Meta:AppSecret", Secret).With("SocialCrm:Channels:Meta:VerifyToken", "fuzz")
            .With("SocialCrm:Channels:X:ConsumerSecret", Secret)
            .With("SocialCrm:Channels:Generic:fuzz:Secret", Secret);
        // Each role that may call a route, and one that may not; the body reaches the parser only for the first.
        var callers = new[]
        {
            await factory.ClientAsync("fuzzer", "admin", "agent", "analyst", "backoffice"),
            await factory.ClientAsync("fuzz-admin", "admin"), await factory.ClientAsync("fuzz-agent", "agent"),
            await factory.ClientAsync("fuzz-analyst", "analyst"), factory.CreateClient(),
        };
        var client = callers[0];
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
        var kinds = new ConcurrentDictionary<string, int>();
        var sent = 0;
        var random = new Random(20261202);
        // First every string field of every route broken each way, every field missing, null and of the wrong type,
        // as a caller who may use the route (signed for a webhook); then random requests up to the count, from any caller.
        var systematic = routes.SelectMany(r => Hostile.EveryField(r.Pattern.RawText!, random).Select(body => (r.Method, r.Pattern, Body: body))).ToList();
        var plans = systematic.Select((r, i) => (Method: r.Method!, Path: Hostile.Path(r.Pattern, random, known: true), r.Body, Copies: 1, Sign: true, Caller: callers[0]))
            .Concat(Enumerable.Range(0, Math.Max(0, Requests - systematic.Count)).Select(i =>
            {
                var (method, pattern) = routes[i % routes.Count];
                var body = Hostile.Body(pattern.RawText!, random);
                // Every 20th request goes four times at once: concurrent identical creates.
                return (Method: method!, Path: Hostile.Path(pattern, random), Body: body, Copies: i % 20 == 0 ? 4 : 1, Sign: random.Next(5) != 0,
                    Caller: callers[random.Next(4) == 0 ? random.Next(1, callers.Length) : 0]);
            }))
            .ToList();
        TestContext.Progress.WriteLine($"{systematic.Count} systematic requests over {routes.Count} routes, {plans.Count - systematic.Count} random");
        await Parallel.ForEachAsync(plans, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (plan, ct) =>
        {
            kinds.AddOrUpdate(plan.Body.What, 1, (_, n) => n + 1);
            var answers = await Task.WhenAll(Enumerable.Range(0, plan.Copies).Select(async _ =>
            {
                using var request = new HttpRequestMessage(new HttpMethod(plan.Method), plan.Path) { Content = new ByteArrayContent(plan.Body.Bytes) };
                request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(plan.Body.ContentType);
                if (plan.Sign)
                {
                    request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", WebhookSignature.HexOf(plan.Body.Bytes, Secret));
                    request.Headers.TryAddWithoutValidation("x-twitter-webhooks-signature", WebhookSignature.Base64Of(plan.Body.Bytes, Secret));
                    request.Headers.TryAddWithoutValidation("X-SocialCrm-Signature", WebhookSignature.HexOf(plan.Body.Bytes, Secret));
                }
                using var response = await plan.Caller.SendAsync(request, ct);
                Interlocked.Increment(ref sent);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                return ((int)response.StatusCode, (int)response.StatusCode >= 500 ? await response.Content.ReadAsStringAsync(ct) : "");
            }));
            foreach (var (status, text) in answers.Where(a => a.Item1 >= 500))
                failures.Enqueue($"{plan.Method} {plan.Path} [{plan.Body.What}] {Encoding.UTF8.GetString(plan.Body.Bytes[..Math.Min(200, plan.Body.Bytes.Length)])} -> {status} {text[..Math.Min(300, text.Length)]}");
        });
        await stop.CancelAsync();
        await honest;

        TestContext.Progress.WriteLine($"{sent} requests; answers: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        TestContext.Progress.WriteLine("bodies: " + string.Join(", ", kinds.OrderByDescending(k => k.Value).Take(12).Select(k => $"{k.Key}: {k.Value}")));
        Assert.That(sent, Is.GreaterThanOrEqualTo(Requests));
        Assert.That(statuses.GetValueOrDefault(400), Is.GreaterThan(sent / 3), "most hostile requests get past routing and sign-in to the checks that refuse them");
        Assert.That(failures, Is.Empty, $"{failures.Count} answers were 5xx; the first:\n{string.Join("\n", failures.Take(15))}");
        Assert.That((await client.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the host is up and its store answers");
        Assert.That(accepted, Is.Not.Empty);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var ids = accepted.ToList();
        Assert.That(await db.Signals.CountAsync(s => ids.Contains(s.Id)), Is.EqualTo(ids.Count), "every signal accepted during the storm is still there");
    }
}

/// <summary>
/// Generated hostile requests: route values and bodies shaped like what each endpoint takes with one part broken:
/// a string field holding invalid UTF-8, an escaped lone surrogate or NUL, or too long; a field missing, null or of
/// the wrong type; list items repeated; and bodies that are not JSON at all.
/// </summary>
internal static class Hostile
{
    public sealed record Payload(byte[] Bytes, string ContentType, string What);

    private static readonly string[] Strings =
    [
        "", " ", "\u0000", "a\u0000b", "\u0007\u001b[31m", "\uffff", "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd",
        "%00", "𝕳𝖊𝖑𝖑𝖔 👋🏽", "null", "NaN", "-1", "1e309", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-13-45T99:99:99Z",
        "x", "instagram", "{\"a\":1}", "\t\r\n", new string('(', 5000), new string('a', 70_000),
    ];

    /// <summary>What a broken string field is made to hold, as raw JSON text (with its quotes): what a serialiser would never write.</summary>
    private static readonly (string What, byte[] Json)[] BrokenStrings =
    [
        ("escaped lone surrogate", Encoding.ASCII.GetBytes("\"\\udfff\"")),
        ("escaped high surrogate in text", Encoding.ASCII.GetBytes("\"order \\ud800 55123\"")),
        ("escaped NUL", Encoding.ASCII.GetBytes("\"a\\u0000b\"")),
        ("raw invalid UTF-8", [(byte)'"', 0xC3, 0x28, (byte)'a', 0xFF, (byte)'"']),
        ("raw encoded surrogate", [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"']),
        ("300 characters", Encoding.UTF8.GetBytes("\"" + new string('n', 300) + "\"")),
        ("an emoji across 10,000 characters", Encoding.UTF8.GetBytes("\"" + new string('e', 9_999) + "😡💔 late\"")),
        ("70,000 characters", Encoding.UTF8.GetBytes("\"" + new string('a', 70_000) + "\"")),
    ];

    private static readonly string[] Segments = ["nosuch", "%00", "..", "%2e%2e%2f", new string('a', 3000), "-1", "0", "2147483648", "analyse", "listen", "fuzz", "meta", "' or 1=1", "%ED%A0%80"];

    /// <summary>Route values that exist, so the handler behind the route gets to read the body.</summary>
    private static readonly Dictionary<string, string[]> Known = new()
    {
        ["externalId"] = ["cust-1", "cust-2"], ["key"] = ["complaint-en", "question-fi", "fuzz-key"], ["userName"] = ["fuzz-agent", "fuzz-analyst"],
        ["definitionId"] = ["analyse", "act", "listen", "measure"], ["source"] = ["fuzz"], ["kind"] = ["sentiment", "intent", "value"],
        ["version"] = ["1", "2"],
    };

    public static string Path(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern, Random random, bool known = false) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when (known || random.Next(3) != 0) && Known.TryGetValue(p.Name, out var values) => Pick(values, random),
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p => p.ParameterPolicies.Count > 0 && random.Next(3) != 0
                ? (p.ParameterPolicies[0].Content == "guid" ? Guid.NewGuid().ToString() : random.Next(-2, 5).ToString())
                : Uri.EscapeDataString(Pick(Segments, random)).Replace("%25ED%25A0%2580", "%ED%A0%80"),
            _ => "",
        }))));

    public static Payload Body(string route, Random random)
    {
        if (route.Contains("account/"))
            return new(Encoding.UTF8.GetBytes(random.Next(4) switch
            {
                0 => "userName=%00&password=x",
                1 => "userName=fuzzer%ED%A0%80&password=%C3%28",
                2 => "userName=" + new string('u', 5000) + "&password=" + new string('x', 5000),
                _ => "userName=fuzz-agent&password=wrong&returnUrl=%2F%00",
            }), "application/x-www-form-urlencoded", "form");
        switch (random.Next(23))
        {
            case 20: return new([0xEF, 0xBB, 0xBF, .. Encoding.ASCII.GetBytes("{\"userName\": \"a\\u0000b\", \"password\": \"x\", \"name\": \"n\\u0000\", \"comment\": \"\\ud800\", \"text\": \"t\\u0000\", \"reason\": \"\\u0000\"}")], "application/json", "byte-order mark, then NUL");
            case 21:
            {
                var plain = Shaped(route, random);
                if (Leaves(plain).FirstOrDefault(l => l.GetValueKind() == System.Text.Json.JsonValueKind.String) is { } leaf) Replace(leaf, JsonValue.Create("§BROKEN§"));
                return new(Splice(Encoding.UTF8.GetBytes(plain.ToJsonString()), Encoding.UTF8.GetBytes("\"§BROKEN§\""), Encoding.ASCII.GetBytes("\"a\\u0000b\"")), "text/plain", "JSON with NUL sent as text/plain");
            }
            case 22: return new(Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"userName\"\r\n\r\nx"), "multipart/form-data; boundary=b", "cut-off multipart form");
            case 0: return new([], "application/json", "empty body");
            case 1: return new([0xC3, 0x28, 0x7B, 0xFF, 0xFE, 0x22, 0x80], "application/json", "invalid UTF-8");
            case 2: return new(Encoding.UTF8.GetBytes(new string('[', 20_000) + new string(']', 20_000)), "application/json", "20,000 levels deep");
            case 3: return new(Encoding.UTF8.GetBytes("{\"text\": \"" + new string('x', 3_000_000) + "\"}"), "application/json", "3 MB");
            case 4: return new(Encoding.UTF8.GetBytes("not json at all <xml/>"), "text/plain", "not JSON");
            case 5: return new(Encoding.UTF8.GetBytes("{\"a\": 1,"), "application/json", "truncated JSON");
        }
        var shaped = Shaped(route, random);
        var leaves = Leaves(shaped).ToList();
        switch (random.Next(9))
        {
            case 0 or 1 or 2 when leaves.Count > 0:
            {
                // One string field broken in a way no serialiser writes: spliced into the JSON text.
                var (what, json) = Pick(BrokenStrings, random);
                Replace(Pick(leaves.ToArray(), random), JsonValue.Create("§BROKEN§"));
                var text = Encoding.UTF8.GetBytes(shaped.ToJsonString());
                return new(Splice(text, Encoding.UTF8.GetBytes("\"§BROKEN§\""), json), "application/json", what);
            }
            case 3 when leaves.Count > 0:
            {
                var leaf = Pick(leaves.ToArray(), random);
                if (leaf.Parent is JsonObject parent) parent.Remove(leaf.GetPropertyName());
                else (leaf.Parent as JsonArray)?.Remove(leaf);
                return Json(shaped, "a field missing");
            }
            case 4 when leaves.Count > 0:
                Replace(Pick(leaves.ToArray(), random), null);
                return Json(shaped, "a field null");
            case 5 when leaves.Count > 0:
                Replace(Pick(leaves.ToArray(), random), random.Next(4) switch { 0 => JsonValue.Create(12345), 1 => new JsonObject { ["a"] = 1 }, 2 => new JsonArray("x", 2), _ => JsonValue.Create(true) });
                return Json(shaped, "a field of the wrong type");
            case 6:
                Repeat(shaped);
                return Json(shaped, "list items repeated");
            case 7:
                return Json(shaped, "as the endpoint takes it");
            default:
                Break(shaped, random, depth: 0);
                return Json(random.Next(10) switch { 0 => new JsonArray(shaped, null, 5), 1 => null, _ => shaped }, "shaped with hostile values");
        }
    }

    /// <summary>The route's body with each field in turn broken every way: each string as each of <see cref="BrokenStrings"/>, each field missing, null and of the wrong type; and every list's items repeated.</summary>
    public static IEnumerable<Payload> EveryField(string route, Random random)
    {
        if (route.Contains("account/")) { yield return Body(route, random); yield break; }
        var template = Shaped(route, random);
        var count = Leaves(template).Count();
        for (var i = 0; i < count; i++)
        {
            JsonNode Copy(out JsonNode leaf)
            {
                var copy = template.DeepClone();
                leaf = Leaves(copy).ElementAt(i);
                return copy;
            }
            var name = $"{Leaves(template).ElementAt(i).GetPath()}";
            if (Leaves(template).ElementAt(i).GetValueKind() == System.Text.Json.JsonValueKind.String)
                foreach (var (what, json) in BrokenStrings)
                {
                    var broken = Copy(out var leaf);
                    Replace(leaf, JsonValue.Create("§BROKEN§"));
                    yield return new(Splice(Encoding.UTF8.GetBytes(broken.ToJsonString()), Encoding.UTF8.GetBytes("\"§BROKEN§\""), json), "application/json", $"{what} at {name}");
                }
            var missing = Copy(out var gone);
            if (gone.Parent is JsonObject parent) parent.Remove(gone.GetPropertyName());
            else (gone.Parent as JsonArray)?.Remove(gone);
            yield return Json(missing, $"missing {name}");
            var nulled = Copy(out var toNull);
            Replace(toNull, null);
            yield return Json(nulled, $"null {name}");
            var wrong = Copy(out var toWrong);
            Replace(toWrong, toWrong.GetValueKind() == System.Text.Json.JsonValueKind.String ? new JsonArray(1, 2) : JsonValue.Create("twelve"));
            yield return Json(wrong, $"wrong type {name}");
        }
        var repeated = template.DeepClone();
        Repeat(repeated);
        yield return Json(repeated, "list items repeated");
    }

    private static Payload Json(JsonNode? node, string what) =>
        new(Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null"), "application/json", what);

    /// <summary>What the route takes: every field the endpoint reads, with values it would accept.</summary>
    private static JsonObject Shaped(string route, Random random)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-random.Next(1, 600)).ToString("O");
        return route switch
        {
            _ when route.Contains("signals") || route.Contains("generic") => new() { ["platform"] = "x", ["postId"] = $"p{random.Next()}", ["kind"] = random.Next(2) == 0 ? "post" : "direct_message", ["authorHandle"] = "h" + random.Next(50), ["authorId"] = "1" + random.Next(50), ["authorName"] = "Ann Fuzz", ["text"] = "late parcel, order 55123, ann@example.com", ["postedAt"] = now, ["authorFollowers"] = 10, ["language"] = "en", ["url"] = "https://x.com/a/1", ["inReplyToPostId"] = "p1" },
            _ when route.Contains("actions") => new() { ["action"] = random.Next(2) == 0 ? "reply" : "ignore", ["replyKind"] = "personalised", ["text"] = "Sorry!", ["connectionRequest"] = false, ["reason"] = "spam from Ulla" },
            _ when route.Contains("draft") => new() { ["definitionId"] = "analyse", ["name"] = "A", ["start"] = "a", ["activities"] = new JsonArray(new JsonObject { ["id"] = "a", ["type"] = "If", ["inputs"] = new JsonObject { ["condition"] = "1 > 0" } }), ["connections"] = new JsonArray() },
            _ when route.Contains("backtest") => new() { ["signals"] = 5, ["settings"] = new JsonObject { ["vipValue"] = 0.5 } },
            _ when route.Contains("erase") => new() { ["reason"] = "asked by e-mail" },
            _ when route.Contains("customers") => new() { ["name"] = "Ann", ["email"] = "ann@example.com", ["lifetimeRevenue"] = 10.5, ["purchases"] = new JsonArray(new JsonObject { ["orderNumber"] = "55123", ["amount"] = 3, ["purchasedAt"] = "2026-01-01T00:00:00Z" }), ["consent"] = new JsonObject { ["contact"] = new JsonObject { ["given"] = true, ["at"] = "2026-01-01T00:00:00Z", ["source"] = "web form" } }, ["identities"] = new JsonArray(new JsonObject { ["platform"] = "x", ["handle"] = "ann", ["userId"] = "9" }, new JsonObject { ["platform"] = "instagram", ["handle"] = "@ann" }) },
            _ when route.Contains("users") => new() { ["userName"] = "u" + random.Next(20), ["roles"] = new JsonArray("agent"), ["disabled"] = false, ["password"] = "Fuzz-password-" + random.Next() },
            _ when route.Contains("answer") => new() { ["accepted"] = true },
            _ when route.Contains("token") => new() { ["userName"] = "fuzzer", ["password"] = "wrong" },
            _ when route.Contains("settings") && !route.Contains("restore") => new() { ["vipValue"] = 0.7, ["slaUrgentMinutes"] = 60, ["comment"] = "fuzz", ["version"] = 1 },
            _ when route.Contains("templates") && route.Contains("preview") => new() { ["text"] = "Hi {name}", ["language"] = "en", ["kind"] = "standard" },
            _ when route.Contains("templates") && !route.Contains("retire") && !route.Contains("restore") => new() { ["intent"] = Pick(["complaint", "question", "praise"], random), ["language"] = "en", ["kind"] = "standard", ["text"] = "Hi {name}, sorry", ["comment"] = "fuzz", ["key"] = "fuzz-" + random.Next(5), ["version"] = 1 },
            _ when route.Contains("meta") => new() { ["object"] = "page", ["entry"] = new JsonArray(new JsonObject { ["id"] = "1", ["time"] = random.Next(2) == 0 ? 1764000000 : long.MaxValue, ["changes"] = new JsonArray(new JsonObject { ["field"] = "feed", ["value"] = new JsonObject { ["item"] = "comment", ["verb"] = "add", ["comment_id"] = "c" + random.Next(), ["post_id"] = "p", ["from"] = new JsonObject { ["id"] = "2", ["name"] = "n" }, ["message"] = "hi", ["created_time"] = 1764000000 } }), ["messaging"] = new JsonArray(new JsonObject { ["sender"] = new JsonObject { ["id"] = "5" }, ["recipient"] = new JsonObject { ["id"] = "1" }, ["timestamp"] = 1764000000000, ["message"] = new JsonObject { ["mid"] = "m" + random.Next(), ["text"] = "order 55123" } }) }) },
            _ when route.Contains("/x") => new() { ["for_user_id"] = "1", ["tweet_create_events"] = new JsonArray(new JsonObject { ["id_str"] = "5" + random.Next(), ["text"] = "hi", ["timestamp_ms"] = "1764000000000", ["user"] = new JsonObject { ["id_str"] = "7", ["screen_name"] = "s", ["name"] = "S" } }), ["direct_message_events"] = new JsonArray(new JsonObject { ["type"] = "message_create", ["id"] = "d" + random.Next(), ["created_timestamp"] = "1764000000000", ["message_create"] = new JsonObject { ["sender_id"] = "8", ["message_data"] = new JsonObject { ["text"] = "my e-mail is ann@example.com" } } }) },
            _ => new() { ["comment"] = "fuzz" },
        };
    }

    /// <summary>Every value that is not an object or array: the fields a body's reader turns into .NET values.</summary>
    private static IEnumerable<JsonNode> Leaves(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Value is null ? [] : Leaves(p.Value)),
        JsonArray a => a.SelectMany(i => i is null ? [] : Leaves(i)),
        _ => [node],
    };

    private static void Replace(JsonNode leaf, JsonNode? with)
    {
        switch (leaf.Parent)
        {
            case JsonObject o: o[leaf.GetPropertyName()] = with; break;
            case JsonArray a: a[leaf.GetElementIndex()] = with; break;
        }
    }

    /// <summary>Each list holds each of its items twice: the same account, purchase or role given again.</summary>
    private static void Repeat(JsonNode node)
    {
        foreach (var child in node switch { JsonObject o => o.Select(p => p.Value), JsonArray a => a.ToList(), _ => [] })
            if (child is not null) Repeat(child);
        if (node is JsonArray list)
            foreach (var item in list.ToList()) list.Add(item?.DeepClone());
    }

    private static byte[] Splice(byte[] text, byte[] marker, byte[] with)
    {
        var at = text.AsSpan().IndexOf(marker);
        return at < 0 ? text : [.. text[..at], .. with, .. text[(at + marker.Length)..]];
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
