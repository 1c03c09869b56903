using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence;

namespace SocialCrm.Tests.Api;

/// <summary>
/// Issue 12: a published version never changes, by any route; drafts are the only editable thing; names that
/// expressions read are resolved when a draft is saved; only the four stage workflows exist.
/// </summary>
public class WorkflowHistoryApiTests
{
    private static string Analyse(Func<string, string>? edit = null)
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "analyse.json"));
        return edit is null ? json : edit(json);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<JsonObject> SaveAsync(HttpClient admin, string body)
    {
        var answer = await admin.PutAsync("/api/workflows/analyse/draft", Json(body));
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonObject> VersionAsync(HttpClient admin, int version) =>
        (await admin.GetFromJsonAsync<JsonObject>($"/api/workflows/analyse/versions/{version}"))!;

    [Test]
    public async Task A_published_version_cannot_be_changed_by_any_route()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");

        // v2 is published; v1 is published again (a rollback); an edit then must make v3, not rewrite v2.
        var v2 = (int)(await SaveAsync(admin, Analyse(j => j.Replace("\"vipValue\": \"settings.vipValue\"", "\"vipValue\": 0.6"))))["version"]!;
        Assert.That((await admin.PostAsync($"/api/workflows/analyse/versions/{v2}/publish", Json("""{ "comment": "VIP from 0.6" }"""))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await admin.PostAsync("/api/workflows/analyse/versions/1/publish", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var v2Before = (await VersionAsync(admin, v2))["definition"]!.ToJsonString();

        var edit = await SaveAsync(admin, Analyse(j => j.Replace("\"vipValue\": \"settings.vipValue\"", "\"vipValue\": 0.5")));
        Assert.That((int)edit["version"]!, Is.EqualTo(v2 + 1), "the edit is a new draft");
        var again = await SaveAsync(admin, Analyse(j => j.Replace("\"vipValue\": \"settings.vipValue\"", "\"vipValue\": 0.4")));
        Assert.That((int)again["version"]!, Is.EqualTo(v2 + 1), "at most one draft: a second edit changes the same draft");
        var revert = await admin.PostAsync($"/api/workflows/analyse/versions/{v2}/revert", Json("""{ "comment": "back to 0.6" }"""));
        Assert.That((int)(await revert.Content.ReadFromJsonAsync<JsonObject>())!["version"]!, Is.EqualTo(v2 + 1), "a revert fills the draft");
        Assert.That((await admin.DeleteAsync("/api/workflows/analyse/draft")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await admin.DeleteAsync("/api/workflows/analyse/draft")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no draft left to discard");
        // The discarded draft keeps its number: the audit's "v(n) discarded" never names a later draft.
        Assert.That((await admin.PostAsync($"/api/workflows/analyse/versions/{v2 + 1}/publish", null)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a discarded draft is not published");
        var next = await SaveAsync(admin, Analyse(j => j.Replace("\"vipValue\": \"settings.vipValue\"", "\"vipValue\": 0.3")));
        Assert.That((int)next["version"]!, Is.EqualTo(v2 + 2), "a new draft after a discard gets a new number");
        Assert.That((await admin.DeleteAsync("/api/workflows/analyse/draft")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var versions = (await admin.GetFromJsonAsync<JsonArray>("/api/workflows/analyse/versions"))!;
        Assert.Multiple(async () =>
        {
            Assert.That((await VersionAsync(admin, v2))["definition"]!.ToJsonString(), Is.EqualTo(v2Before), "v2's content is what it was when published");
            Assert.That(versions.Select(v => ((int)v!["version"]!, (string)v!["state"]!)), Is.EqualTo(new[] { (1, "published"), (v2, "published"), (v2 + 1, "discarded"), (v2 + 2, "discarded") }),
                "discarded drafts are kept under their numbers");
            Assert.That(versions.Single(v => (int)v!["version"]! == v2)!["comment"]!.GetValue<string>(), Is.EqualTo("VIP from 0.6"));
            Assert.That(versions.Single(v => (int)v!["version"]! == v2)!["publishedBy"]!.GetValue<string>(), Is.EqualTo("root"));
            Assert.That(versions.Single(v => (bool)v!["isLive"]!)!["version"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(versions[0]!["definition"], Is.InstanceOf<JsonObject>(), "the definition is JSON, not a string of JSON");
        });

        // Nor through the store directly: the context refuses to change or delete a published version.
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var published = await db.WorkflowDefinitions.SingleAsync(d => d.DefinitionId == "analyse" && d.Version == v2);
        published.Json = published.Json.Replace("0.6", "0.1");
        Assert.That(async () => await db.SaveChangesAsync(), Throws.InvalidOperationException.With.Message.Contains("published and cannot be changed"));
        db.ChangeTracker.Clear();
        db.WorkflowDefinitions.Remove(await db.WorkflowDefinitions.SingleAsync(d => d.DefinitionId == "analyse" && d.Version == v2));
        Assert.That(async () => await db.SaveChangesAsync(), Throws.InvalidOperationException);

        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/audit?action=workflow."))!;
        Assert.That(audit.Select(a => (string)a!["action"]!), Is.SupersetOf(new[] { "workflow.published", "workflow.reverted", "workflow.draft-discarded" }));
        Assert.That(audit.Any(a => (string?)a!["detail"] == "VIP from 0.6"), "the publish comment is audited");
    }

    [TestCase("settings.ignoreBelowValue", "settings.ignoreBelowValu", "settings.ignoreBelowValue", "is not a setting")]
    [TestCase("value.score < settings.ignoreBelowValue", "value.scor < settings.ignoreBelowValue", "value.score", "is not set by any activity before this one")]
    public async Task A_typo_in_a_name_an_expression_reads_is_an_error_with_its_path_and_a_suggestion(string right, string typo, string suggestion, string problem)
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");

        var saved = await SaveAsync(admin, Analyse(j => j.Replace(right, typo)));
        var errors = saved["errors"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That((bool)saved["valid"]!, Is.False);
            Assert.That(errors, Has.Count.EqualTo(1), errors.ToJsonString());
            Assert.That((string)errors[0]!["path"]!, Is.EqualTo("$.activities[3].inputs.condition"));
            Assert.That((string)errors[0]!["message"]!, Does.Contain(problem).And.Contain($"did you mean '{suggestion}'"));
        });

        // Kept as work in progress, marked invalid, and never publishable.
        var version = (int)saved["version"]!;
        Assert.That((bool)(await VersionAsync(admin, version))["valid"]!, Is.False);
        var publish = await admin.PostAsync($"/api/workflows/analyse/versions/{version}/publish", null);
        Assert.That(publish.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await publish.Content.ReadAsStringAsync(), Does.Contain(suggestion));
        Assert.That((await admin.GetFromJsonAsync<JsonArray>("/api/workflows"))!.Single(w => (string)w!["definitionId"]! == "analyse")!["version"]!.GetValue<int>(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_variable_set_only_downstream_is_named_as_such()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");
        var saved = await SaveAsync(admin, Analyse(j => j.Replace("value.score < settings.ignoreBelowValue", "case.queue == 'vip'")));
        Assert.That(saved["errors"]!.AsArray().Select(e => (string)e!["message"]!), Has.Some.Contains("'case.queue' is set by 'route', which does not run before this activity"));
    }

    [Test]
    public async Task Publishing_saving_and_discarding_at_the_same_moment_leave_one_live_version_and_no_500()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");
        var frozen = new Dictionary<int, string>();
        for (var round = 0; round < 6; round++)
        {
            var draft = (int)(await SaveAsync(admin, Analyse(j => j.Replace("\"vipValue\": \"settings.vipValue\"", $"\"vipValue\": 0.{round + 1}"))))["version"]!;
            var answers = await Task.WhenAll(
                admin.PostAsync($"/api/workflows/analyse/versions/{draft}/publish", null),
                admin.PostAsync("/api/workflows/analyse/versions/1/publish", null),
                admin.PutAsync("/api/workflows/analyse/draft", Json(Analyse(j => j.Replace("\"vipValue\": \"settings.vipValue\"", "\"vipValue\": 0.05")))),
                admin.DeleteAsync("/api/workflows/analyse/draft"));
            Assert.That(answers.Select(a => (int)a.StatusCode), Is.All.LessThan(500), string.Join(" | ", await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))));
            var versions = (await admin.GetFromJsonAsync<JsonArray>("/api/workflows/analyse/versions"))!;
            Assert.That(versions.Count(v => (bool)v!["isLive"]!), Is.EqualTo(1), "exactly one version runs: " + string.Join(" ", answers.Select(a => (int)a.StatusCode)) + " " + string.Join(", ", versions.Select(v => $"v{v!["version"]} {v["state"]} live={v["isLive"]}")));
            Assert.That(versions.Count(v => (string)v!["state"]! == "draft"), Is.LessThanOrEqualTo(1));
            foreach (var published in versions.Where(v => (string)v!["state"]! == "published"))
            {
                var (number, content) = ((int)published!["version"]!, published["definition"]!.ToJsonString());
                Assert.That(frozen.TryAdd(number, content) || frozen[number] == content, Is.True, $"v{number} changed after it was published");
            }
            if (versions.Any(v => (string)v!["state"]! == "draft")) await admin.DeleteAsync("/api/workflows/analyse/draft");
        }
    }

    [Test]
    public async Task Only_the_four_stage_workflows_exist()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");
        var answer = await admin.PutAsync("/api/workflows/nosuch/draft", Json(Analyse(j => j.Replace("\"definitionId\": \"analyse\"", "\"definitionId\": \"nosuch\""))));
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("listen, analyse, act, measure"));
        Assert.That((await admin.GetAsync("/api/workflows/nosuch/versions")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var scope = factory.Services.CreateScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<CrmDbContext>().WorkflowDefinitions.Select(d => d.DefinitionId).Distinct().CountAsync(), Is.EqualTo(4));
    }
}
