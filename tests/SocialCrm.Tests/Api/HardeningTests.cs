using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Channels.Inbound;
using SocialCrm.Domain.Audit;
using SocialCrm.Tests.Channels;
using SocialCrm.Tests.Infrastructure;
using static SocialCrm.Simulation.Platforms.PlatformDeliveries;

namespace SocialCrm.Tests.Api;

/// <summary>
/// What an independent audit answered 5xx (or stored wrongly) on both stores, each a 4xx in words or stored correctly
/// now: text that is not valid Unicode or holds NUL, records the validator let through, lengths over the columns, a
/// platform delivery with one unreadable item, and concurrent creates of something unique.
/// </summary>
[TestFixture("sqlite")]
[TestFixture("postgres")]
public class HardeningTests(string store)
{
    private const string Secret = "hardening-secret";
    private PostgresDatabase? _database;
    private ApiFactory _factory = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory()
            .With("SocialCrm:Channels:Meta:AppSecret", Secret).With("SocialCrm:Channels:Meta:VerifyToken", "v")
            .With("SocialCrm:Channels:X:ConsumerSecret", Secret).With("SocialCrm:Channels:Generic:reviews:Secret", Secret);
        if (store == "postgres")
        {
            _database = await TestServers.CreatePostgresDatabaseAsync();
            _factory.With("SocialCrm:Database:Provider", "postgres").With("SocialCrm:Database:ConnectionString", _database.ConnectionString);
        }
        _admin = await _factory.ClientAsync("hardener", "admin", "agent", "backoffice");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _admin?.Dispose();
        _factory?.Dispose();
        if (_database is not null) await _database.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string url, byte[] body, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        return await (client ?? _admin).SendAsync(request);
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage answer, HttpStatusCode status)
    {
        var text = await answer.Content.ReadAsStringAsync();
        Assert.That(answer.StatusCode, Is.EqualTo(status), text);
        return JsonNode.Parse(text)!.AsObject();
    }

    [TestCase("{\"comment\": \"\\ud800\"}", "comment", "half of a character")]
    [TestCase("{\"comment\": \"a\\u0000b\", \"vipValue\": 0.7}", "comment", "NUL")]
    public async Task Settings_with_a_lone_surrogate_or_NUL_are_refused_naming_the_field(string body, string field, string words)
    {
        var problem = await ProblemAsync(await SendRawAsync(HttpMethod.Put, "/api/settings", Encoding.ASCII.GetBytes(body)), HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]![field]![0]!.GetValue<string>(), Does.Contain(words));
    }

    [Test]
    public async Task Raw_invalid_UTF8_and_NUL_anywhere_in_an_API_body_or_the_token_request_are_400_in_words()
    {
        byte[] invalid = [.. "{\"userName\": \"a"u8, 0xC3, 0x28, .. "\", \"password\": \"x\"}"u8];
        var anonymous = _factory.CreateClient();
        var problem = await ProblemAsync(await SendRawAsync(HttpMethod.Post, "/api/auth/token", invalid, anonymous), HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!["userName"]![0]!.GetValue<string>(), Is.EqualTo("is not valid UTF-8 text"));
        problem = await ProblemAsync(await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "hard\0ener", password = "x" }), HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!["userName"]![0]!.GetValue<string>(), Does.Contain("NUL"));
        problem = await ProblemAsync(await SendRawAsync(HttpMethod.Put, "/api/customers/c-1",
            Encoding.ASCII.GetBytes("{\"name\": \"Ann\", \"consent\": {\"contact\": {\"given\": true, \"at\": \"2026-01-01T00:00:00Z\", \"source\": \"form\\u0000\"}}}")), HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "consent.contact.source" }));
        var search = await _admin.GetAsync("/api/customers?q=%00");
        Assert.That(search.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await search.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_back_office_account_without_a_platform_or_given_twice_is_400_naming_it()
    {
        var problem = await ProblemAsync(await _admin.PutAsJsonAsync("/api/customers/c-2", new { name = "Ann", identities = new[] { new { handle = "ann" } } }), HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Has.Some.Contains("platform"));
        foreach (var twice in new[] { new[] { ("x", "h"), ("x", "@h") }, new[] { ("x", "h"), ("X", "h") }, new[] { ("x", "Ann"), ("x", "ann") } })
        {
            problem = await ProblemAsync(await _admin.PutAsJsonAsync("/api/customers/c-2", new { name = "Ann", identities = twice.Select(t => new { platform = t.Item1, handle = t.Item2 }) }), HttpStatusCode.BadRequest);
            Assert.That(problem.ToJsonString(), Does.Contain("appears twice"));
        }
    }

    [Test]
    public async Task A_user_name_longer_than_the_column_is_400_and_one_name_created_four_times_at_once_is_made_once()
    {
        var problem = await ProblemAsync(await _admin.PostAsJsonAsync("/api/users", new { userName = new string('u', 300), roles = new[] { "agent" } }), HttpStatusCode.BadRequest);
        Assert.That(problem.ToJsonString(), Does.Contain("at most 64"));
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _admin.PostAsJsonAsync("/api/users", new { userName = "twin", roles = new[] { "agent" } })));
        Assert.That(answers.Select(a => (int)a.StatusCode), Has.Exactly(1).EqualTo(201).And.Exactly(3).EqualTo(409), string.Join(", ", answers.Select(a => a.StatusCode)));
        Assert.That(await _factory.QueryAsync(db => db.Users.CountAsync(u => u.UserName == "twin")), Is.EqualTo(1));
    }

    [Test]
    public async Task Creates_of_one_template_kind_at_once_leave_one_in_use()
    {
        // Each round: retire the one in use, then eight admins' creates at the same moment; exactly one wins.
        for (var round = 0; round < 4; round++)
        {
            var inUse = await _factory.QueryAsync(db => db.ReplyTemplates.Where(t => t.RetiredAt == null && t.Intent == "praise" && t.Language == "fi" && t.Kind == "personalised").Select(t => t.Key).ToListAsync());
            Assert.That(inUse, Has.Count.EqualTo(1), $"round {round}: one template in use");
            Assert.That((await _admin.PostAsJsonAsync($"/api/templates/{inUse[0]}/retire", new { comment = "make room" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var start = new ManualResetEventSlim();
            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            {
                start.Wait();
                return _admin.PostAsJsonAsync("/api/templates", new { intent = "praise", language = "fi", kind = "personalised", text = $"Kiitos {{name}} ({round}.{i})", comment = "race" });
            })).Append(Task.Run(async () => { await Task.Delay(50); start.Set(); return new HttpResponseMessage(HttpStatusCode.Continue); })));
            var codes = answers.Where(a => a.StatusCode != HttpStatusCode.Continue).Select(a => (int)a.StatusCode).ToList();
            Assert.That(codes, Has.Exactly(1).EqualTo(201).And.All.LessThan(500), $"round {round}: {string.Join(", ", codes)}");
        }
        Assert.That(await _factory.QueryAsync(db => db.ReplyTemplates.CountAsync(t => t.RetiredAt == null && t.Intent == "praise" && t.Language == "fi" && t.Kind == "personalised")), Is.EqualTo(1));
    }

    [Test]
    public async Task Publishing_the_live_version_is_409_and_four_publishes_of_one_draft_publish_it_once()
    {
        const int liveVersion = 1; // measure as imported; nothing else in this fixture edits it
        var again = await _admin.PostAsJsonAsync($"/api/workflows/measure/versions/{liveVersion}/publish", new { comment = "again" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await again.Content.ReadAsStringAsync());

        var json = (await _admin.GetFromJsonAsync<JsonObject>($"/api/workflows/measure/versions/{liveVersion}"))!;
        var definition = json["definition"]!.AsObject();
        definition["name"] = "Measure (race)";
        var draft = await _admin.PutAsJsonAsync("/api/workflows/measure/draft", definition);
        Assert.That((int)draft.StatusCode, Is.LessThan(300), await draft.Content.ReadAsStringAsync());
        var draftVersion = (await draft.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>();
        var before = await _factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.WorkflowPublished));
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _admin.PostAsJsonAsync($"/api/workflows/measure/versions/{draftVersion}/publish", new { comment = "race" })));
        Assert.That(answers.Select(a => (int)a.StatusCode), Has.Exactly(1).EqualTo(200).And.Exactly(3).EqualTo(409), string.Join(", ", answers.Select(a => a.StatusCode)));
        Assert.That(await _factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.WorkflowPublished)), Is.EqualTo(before + 1));
    }

    [Test]
    public async Task Signed_platform_deliveries_with_broken_text_are_stored_cleaned_and_a_long_post_is_cut_between_characters()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var broken = Bytes(Meta("page", at, changes: [FeedChange("comment", "add", "p-1", "c-broken", null, "501", "NAMEMARK", "TEXTMARK", at)]));
        var text = Encoding.UTF8.GetString(broken).Replace("\"NAMEMARK\"", "\"Ann\\ud800 A\\u0000\"").Replace("\"TEXTMARK\"", "\"(late\"");
        byte[] body = [.. Encoding.UTF8.GetBytes(text[..text.IndexOf("(late", StringComparison.Ordinal)]), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(text[(text.IndexOf("(late", StringComparison.Ordinal) + 1)..])];
        var answer = await _admin.PostSignedAsync("/webhooks/meta", body, "X-Hub-Signature-256", WebhookSignature.HexOf(body, Secret));
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        var signal = await _factory.QueryAsync(db => db.Signals.SingleAsync(s => s.PlatformPostId == "c-broken"));
        Assert.That(signal.AuthorName, Is.EqualTo("Ann\uFFFD A"));
        Assert.That(signal.Text, Is.EqualTo("\uFFFD(late"));

        var longPost = new string('e', 9_999) + "😡💔 and more";
        var x = Bytes(XTweet("70011", XUser("77", "longposter", "Long Poster", 3), longPost, at));
        answer = await _admin.PostSignedAsync("/webhooks/x", x, "x-twitter-webhooks-signature", WebhookSignature.Base64Of(x, Secret));
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        var stored = await _factory.QueryAsync(db => db.Signals.SingleAsync(s => s.PlatformPostId == "70011"));
        Assert.That(stored.Text, Is.EqualTo(new string('e', 9_999)), "the emoji that does not fit whole is left out, not halved");
    }

    [Test]
    public async Task A_generic_source_is_told_which_field_holds_broken_text()
    {
        var body = Encoding.ASCII.GetBytes("{\"platform\": \"x\", \"postId\": \"g-1\", \"authorHandle\": \"h\", \"text\": \"bad \\udfff\", \"postedAt\": \"2026-11-01T10:00:00Z\"}");
        var answer = await _admin.PostSignedAsync("/webhooks/generic/reviews", body, "X-SocialCrm-Signature", WebhookSignature.HexOf(body, Secret));
        var problem = await ProblemAsync(answer, HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!["text"]![0]!.GetValue<string>(), Does.Contain("half of a character"));
    }

    [Test]
    public async Task A_Meta_delivery_with_one_item_out_of_range_stores_the_others()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-2);
        var delivery = Meta("page", at, changes:
        [
            FeedChange("comment", "add", "p-2", "c-good", null, "601", "Good Person", "where is my order", at),
            FeedChange("comment", "add", "p-2", "c-bad-time", null, "602", "Bad Time", "hello", at),
        ]);
        delivery["entry"]![0]!["changes"]![1]!["value"]!["created_time"] = long.MaxValue;
        var answer = await _admin.PostMetaAsync(delivery, Secret);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        Assert.That(await _factory.QueryAsync(db => db.Signals.CountAsync(s => s.PlatformPostId == "c-good")), Is.EqualTo(1));
    }
}
