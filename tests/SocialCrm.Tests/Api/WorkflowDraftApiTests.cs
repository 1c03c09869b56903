using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace SocialCrm.Tests.Api;

/// <summary>Drafts over the API: a body with nulls where the shape needs values is a 400 naming the place, and saves nothing.</summary>
public class WorkflowDraftApiTests
{
    private const string Valid = """
        { "definitionId": "listen", "name": "Listen", "start": "a",
          "activities": [ { "id": "a", "type": "LoadSignal" } ], "connections": [] }
        """;

    [TestCase("""{ "definitionId": "listen", "name": "Listen", "start": "a", "activities": null, "connections": [] }""", "activities")]
    [TestCase("""{ "definitionId": "listen", "name": "Listen", "start": "a", "activities": [null], "connections": [] }""", "activities[0]")]
    [TestCase("""{ "definitionId": "listen", "name": "Listen", "start": "a", "activities": [ { "id": "a", "type": "LoadSignal" } ], "connections": null }""", "connections")]
    [TestCase("""{ "definitionId": "listen", "name": "Listen", "start": "a", "activities": [ { "id": "a", "type": null } ], "connections": [] }""", "activities[0].type")]
    [TestCase("""{ "definitionId": "listen", "name": "Listen", "start": "a", "activities": [ { "id": "a", "type": "LoadSignal" } ], "connections": [null] }""", "connections[0]")]
    public async Task A_draft_with_a_null_where_a_value_belongs_is_a_400_naming_it_and_saves_nothing(string body, string path)
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");
        var before = (await admin.GetFromJsonAsync<JsonArray>("/api/workflows/listen/versions"))!.Count;
        var answer = await admin.PutAsync("/api/workflows/listen/draft", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await answer.Content.ReadAsStringAsync());
        var errors = (await answer.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Does.Contain(path));
        Assert.That((await admin.GetFromJsonAsync<JsonArray>("/api/workflows/listen/versions"))!.Count, Is.EqualTo(before));
    }

    [Test]
    public async Task Concurrent_saves_of_a_new_draft_all_answer_and_make_one_version()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");
        var before = (await admin.GetFromJsonAsync<JsonArray>("/api/workflows/listen/versions"))!.Count;
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            admin.PutAsync("/api/workflows/listen/draft", new StringContent(Valid, Encoding.UTF8, "application/json"))));
        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        Assert.That((await admin.GetFromJsonAsync<JsonArray>("/api/workflows/listen/versions"))!, Has.Count.EqualTo(before + 1), "one draft, not three");
    }
}
