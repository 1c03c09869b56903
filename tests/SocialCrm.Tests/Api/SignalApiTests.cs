using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace SocialCrm.Tests.Api;

/// <summary>The HTTP ways in: clear 4xx for bad input naming each field, 202 only for committed signals.</summary>
public class SignalApiTests
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory();
        _client = await _factory.EveryRoleClientAsync();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private Task<HttpResponseMessage> PostJsonAsync(string url, string json) =>
        _client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonObject> ErrorsOf(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
    }

    private static string ValidSignal(string postId) => $$"""
        { "platform": "x", "postId": "{{postId}}", "authorHandle": "@Jane_Doe", "authorName": "Jane Doe",
          "text": "Where is my order? Still waiting!", "postedAt": "{{DateTimeOffset.UtcNow.AddMinutes(-2):O}}" }
        """;

    [Test]
    public async Task A_valid_signal_is_accepted_once_and_a_repeat_names_the_first()
    {
        var first = await PostJsonAsync("/api/signals", ValidSignal("api-1"));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var firstBody = (await first.Content.ReadFromJsonAsync<JsonObject>())!;

        var again = await PostJsonAsync("/api/signals", ValidSignal("api-1"));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var againBody = (await again.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.That(againBody["signalId"]!.GetValue<string>(), Is.EqualTo(firstBody["signalId"]!.GetValue<string>()));
        Assert.That(againBody["duplicate"]!.GetValue<bool>(), Is.True);

        var stored = await _client.GetFromJsonAsync<JsonObject>(first.Headers.Location!);
        Assert.That(stored!["platformPostId"]!.GetValue<string>(), Is.EqualTo("api-1"));
    }

    [Test]
    public async Task An_incomplete_signal_gets_400_naming_each_missing_field()
    {
        var errors = await ErrorsOf(await PostJsonAsync("/api/signals", """{ "platform": "x", "text": "   " }"""));
        Assert.That(errors.Select(e => e.Key), Is.EquivalentTo(new[] { "postId", "authorHandle", "text", "postedAt" }));
    }

    [Test]
    public async Task Wrong_values_get_400_saying_what_is_wrong()
    {
        var errors = await ErrorsOf(await PostJsonAsync("/api/signals", """
            { "platform": "myspace", "postId": "p", "kind": "tweet", "authorHandle": "a", "text": "t", "language": "english",
              "postedAt": "2999-01-01T00:00:00Z", "url": "ftp://x", "authorFollowers": -3 }
            """));
        Assert.Multiple(() =>
        {
            Assert.That(errors["platform"]![0]!.GetValue<string>(), Does.Contain("'myspace' is not a supported platform"));
            Assert.That(errors["kind"]![0]!.GetValue<string>(), Does.Contain("'tweet' is not a signal kind"));
            Assert.That(errors["language"]![0]!.GetValue<string>(), Does.Contain("ISO 639"));
            Assert.That(errors["postedAt"]![0]!.GetValue<string>(), Does.Contain("future"));
            Assert.That(errors["url"]![0]!.GetValue<string>(), Does.Contain("http(s)"));
            Assert.That(errors.ContainsKey("authorFollowers"));
        });
    }

    [TestCase("""{ "platform": "x", """, "$")]
    [TestCase("""{ "platform": "x", "authorFollowers": "many" }""", "authorFollowers")]
    [TestCase("""{ "platform": "x", "postedAt": "yesterday" }""", "postedAt")]
    [TestCase("", "$")]
    public async Task Malformed_json_gets_400_naming_where(string body, string field)
    {
        var errors = await ErrorsOf(await PostJsonAsync("/api/signals", body));
        Assert.That(errors.Select(e => e.Key), Is.EqualTo(new[] { field }));
    }

    [Test]
    public async Task Agent_actions_on_unknown_or_invalid_cases_are_refused_clearly()
    {
        var unknown = await PostJsonAsync($"/api/cases/{Guid.NewGuid()}/actions", """{ "agent": "alice", "action": "reply" }""");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var errors = await ErrorsOf(await PostJsonAsync($"/api/cases/{Guid.NewGuid()}/actions", """{ "action": "shout", "replyKind": "poem" }"""));
        Assert.That(errors.Select(e => e.Key), Is.EquivalentTo(new[] { "action", "replyKind" }));

        var noReason = await ErrorsOf(await PostJsonAsync($"/api/cases/{Guid.NewGuid()}/actions", """{ "action": "ignore" }"""));
        Assert.That(noReason["reason"]![0]!.GetValue<string>(), Does.StartWith("say why the case is ignored"));
    }

    [Test]
    public async Task The_api_document_is_served_to_a_signed_in_user_and_a_stranger_is_sent_to_sign_in()
    {
        var doc = await _client.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        Assert.That(doc!["paths"]!.AsObject().Select(p => p.Key),
            Is.SupersetOf(new[] { "/api/signals", "/api/cases/{id}/actions", "/api/cases/{id}/claim", "/api/reports/measure", "/api/stats", "/api/auth/token" }));
        // The API reference offers the bearer token and says where to get one.
        Assert.That(doc["info"]!["title"]!.GetValue<string>(), Is.EqualTo("SocialCrm API"));
        var bearer = doc["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.That(bearer["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
        Assert.That(bearer["description"]!.GetValue<string>(), Does.Contain("POST /api/auth/token"));
        Assert.That(doc["security"]!.AsArray().Single()!.AsObject().Select(s => s.Key), Is.EqualTo(new[] { "Bearer" }));

        var missingPage = await _client.GetAsync("/cases/not-a-case");
        Assert.That(missingPage.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await missingPage.Content.ReadAsStringAsync(), Does.Contain("There is no such page or case"), "a page, not a JSON body");
        var missingRoute = await _client.GetAsync("/api/nothing-here");
        Assert.That(missingRoute.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), "the API keeps answering in JSON");

        using var stranger = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var home = await stranger.GetAsync("/");
        Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(home.Headers.Location!.ToString(), Does.Contain("/signin"));
        var signIn = await stranger.GetStringAsync("/signin");
        Assert.That(signIn, Does.Contain("name=\"userName\"").And.Contain("name=\"password\"").And.Contain("__RequestVerificationToken"));
    }

    [TestCase("""{ "postId": "bad-1", "authorHandle": "a", "text": "t", "postedAt": "2026-11-01T10:00:00Z" }""", "platform", "must not be empty")]
    [TestCase("""{ "platform": "   ", "postId": "bad-2", "authorHandle": "a", "text": "t", "postedAt": "2026-11-01T10:00:00Z" }""", "platform", "must not be empty")]
    [TestCase("""{ "platform": "x", "postId": "bad-3", "authorHandle": "a", "text": "nul \u0000 here", "postedAt": "2026-11-01T10:00:00Z" }""", "text", "NUL character")]
    [TestCase("""{ "platform": "x", "postId": "bad-4", "authorHandle": "a", "text": "t", "postedAt": "0001-01-01T00:00:00Z" }""", "postedAt", "before the year 2000")]
    [TestCase("""{ "platform": "x", "postId": "bad-5", "authorHandle": "a", "text": "t", "postedAt": "2026-11-01T10:00:00Z", "authorFollowers": "lots" }""", "authorFollowers", "must be a whole number")]
    [TestCase("""{ "platform": "x", "postId": "bad-6", "authorHandle": "a", "text": "t", "postedAt": "yesterday" }""", "postedAt", "ISO 8601")]
    public async Task Bad_signals_get_400_naming_the_field_in_words_and_nothing_is_stored(string json, string field, string words)
    {
        var errors = await ErrorsOf(await PostJsonAsync("/api/signals", json));
        Assert.That(errors.Select(e => e.Key), Does.Contain(field));
        var message = string.Join(" ", errors[field]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.That(message, Does.Contain(words));
        Assert.That(message, Does.Not.Contain("System."), "no .NET type names");
    }
}
