using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;

namespace SocialCrm.Tests.Api;

/// <summary>Issue 12: reply templates are created, edited and retired by admins, checked, versioned and audited, and the analyse stage drafts from them.</summary>
public class ReplyTemplateApiTests
{
    [Test]
    public async Task Templates_are_checked_versioned_and_audited_and_the_analyse_stage_drafts_the_next_reply_from_the_one_in_use()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.EveryRoleClientAsync();
        var installed = (await admin.GetFromJsonAsync<JsonArray>("/api/templates"))!;
        Assert.That(installed.Select(t => ((string)t!["kind"]!, (string)t!["language"]!)).Distinct().Count(), Is.EqualTo(4), "standard and personalised, in English and Finnish");

        // What is wrong is named: the placeholder (with a suggestion), the intent, the language, the kind.
        await RefusedAsync(admin, new { intent = "complaint", language = "en", kind = "standard", text = "Hi {nmae}, sorry!" }, "text", "{nmae} is not a placeholder; did you mean {name}?");
        await RefusedAsync(admin, new { intent = "complaint", language = "en", kind = "standard", text = "Hi {name, sorry" }, "text", "is not closed");
        await RefusedAsync(admin, new { intent = "compliment", language = "en", kind = "standard", text = "Hi!" }, "intent", "'compliment' is not an intent");
        await RefusedAsync(admin, new { intent = "complaint", language = "sv", kind = "standard", text = "Hej!" }, "language", "'sv' is not a language");
        await RefusedAsync(admin, new { intent = "complaint", language = "en", kind = "casual", text = "Hi!" }, "kind", "'casual' is not a kind");
        await RefusedAsync(admin, new { intent = "complaint", language = "en", kind = "standard", text = "Hi { name }!" }, "text", "{ name } is not a placeholder; did you mean {name}?");
        await RefusedAsync(admin, new { intent = "complaint", language = "en", kind = "standard", text = "Hi!", key = "new" }, "key", "choose another key");
        // One template per intent, language and kind is used: a second would never be picked, so it is refused.
        await RefusedAsync(admin, new { intent = "complaint", language = "en", kind = "standard", text = "Hello {name}!" }, "template", "'complaint-en' already answers complaint posts in English with a standard reply");

        // The installed English complaint templates retired and a new one made: the next English complaint is drafted from it.
        foreach (var old in new[] { "complaint-en", "complaint-en-personalised" })
            Assert.That((await admin.PostAsJsonAsync($"/api/templates/{old}/retire", new { comment = "replaced" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var created = await admin.PostAsJsonAsync("/api/templates", new { intent = "complaint", language = "en", kind = "standard", text = "Hello {name}, a {status} for {tenure}: we are on it.", comment = "shorter" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var key = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!;
        Assert.That(key, Is.EqualTo("complaint-en-2"));

        await admin.PostAsJsonAsync("/api/signals", new { platform = "x", postId = "tpl-1", authorHandle = "unhappy_ulla", authorName = "Ulla", text = "Your app keeps crashing and I lost my order, this is awful", postedAt = DateTimeOffset.UtcNow });
        var brief = await BriefAsync(factory, "tpl-1");
        Assert.That((brief.Intent, brief.TemplateKey, brief.TemplateVersion), Is.EqualTo(("complaint", key, 1)));
        Assert.That(brief.Draft, Does.StartWith("Hello Ulla, a stranger for a short while: we are on it."));

        // An edit is the next version; an edit made from an older version is refused, not written over the newer one.
        var edited = await admin.PutAsJsonAsync($"/api/templates/{key}", new { intent = "complaint", language = "en", kind = "standard", text = "Hello {name}, we are on it.", version = 1 });
        Assert.That(((int)(await edited.Content.ReadFromJsonAsync<JsonObject>())!["version"]!), Is.EqualTo(2));
        var stale = await admin.PutAsJsonAsync($"/api/templates/{key}", new { intent = "complaint", language = "en", kind = "standard", text = "Hi {name}.", version = 1 });
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var versions = (await admin.GetFromJsonAsync<JsonArray>($"/api/templates/{key}/versions"))!;
        Assert.That(versions.Select(v => ((int)v!["version"]!, (string)v!["text"]!)), Is.EqualTo(new[] { (2, "Hello {name}, we are on it."), (1, "Hello {name}, a {status} for {tenure}: we are on it.") }));
        Assert.That((await admin.GetAsync("/api/templates/nosuch/versions")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        // Preview against that real case, with what each placeholder became and a note on what is missing.
        var preview = (await (await admin.PostAsJsonAsync("/api/templates/preview", new { text = "Hi {name}, {status}, since {tenure}; last time {lastCase}.", language = "en", kind = "personalised", caseId = brief.CaseId }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.That((string)preview["text"]!, Is.EqualTo("Hi Ulla, stranger, since a short while; last time ."));
        Assert.That(preview["notes"]!.ToJsonString(), Does.Contain("no earlier case"));
        Assert.That((await admin.PostAsJsonAsync("/api/templates/preview", new { text = "Hi", language = "de" })).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var audit = await db.AuditEntries.Where(a => a.Action.StartsWith("template.")).OrderBy(a => a.Id).Select(a => new { a.Action, a.Target }).ToListAsync();
        Assert.That(audit.Select(a => $"{a.Action} {a.Target}"), Is.EqualTo(new[]
        {
            $"{AuditActions.TemplateRetired} template complaint-en v2", $"{AuditActions.TemplateRetired} template complaint-en-personalised v2",
            $"{AuditActions.TemplateCreated} template {key} v1", $"{AuditActions.TemplateChanged} template {key} v2",
        }));
        // A version is kept as it was: the store refuses to rewrite one.
        var v1 = await db.ReplyTemplateVersions.SingleAsync(v => v.Key == key && v.Version == 1);
        v1.Text = "rewritten";
        Assert.That(async () => await db.SaveChangesAsync(), Throws.InvalidOperationException);
    }

    private static async Task RefusedAsync(HttpClient admin, object body, string field, string says)
    {
        var response = await admin.PostAsJsonAsync("/api/templates", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        Assert.That(string.Join(" ", JsonNode.Parse(text)!["errors"]![field]!.AsArray().Select(e => (string)e!)), Does.Contain(says), text);
    }

    private sealed record Brief(Guid CaseId, string? Intent, string? TemplateKey, int? TemplateVersion, string? Draft);

    private static async Task<Brief> BriefAsync(ApiFactory factory, string postId)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var brief = await (from c in db.Cases
                               join s in db.Signals on c.SignalId equals s.Id
                               join b in db.CaseBriefs on c.Id equals b.CaseId
                               where s.PlatformPostId == postId
                               select new Brief(c.Id, b.Intent, b.TemplateKey, b.TemplateVersion, b.DraftReply)).FirstOrDefaultAsync();
            if (brief is not null) return brief;
        }
        Assert.Fail($"post {postId} got no brief in 60 s");
        return null!;
    }
}
