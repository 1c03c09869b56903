using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence;
using SocialCrm.Tests.Api;

namespace SocialCrm.Tests.Workplace;

/// <summary>Macros and tags over the API: an admin defines, an agent applies in one step, the report filters by tag.</summary>
public class MacroTests
{
    [Test]
    public async Task An_agent_applies_a_macro_in_one_step_and_the_report_filters_by_its_tag()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");
        using var aino = await factory.ClientAsync("aino", "agent");
        using var eero = await factory.ClientAsync("eero", "agent");
        using var analyst = await factory.ClientAsync("ana", "analyst");

        var bad = await admin.PostAsJsonAsync("/api/macros", new { name = "", templateKey = "no-such-template", tags = new[] { "Not A Tag!" }, priority = 7, transferAgent = "nobody" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problems = await bad.Content.ReadAsStringAsync();
        Assert.That(problems, Does.Contain("give the macro a name").And.Contain("no reply template 'no-such-template'").And.Contain("is not a tag")
            .And.Contain("a priority is 1 (urgent) to 4 (low), not 7").And.Contain("'nobody' is not an active agent"));
        var empty = await admin.PostAsJsonAsync("/api/macros", new { name = "Nothing" });
        Assert.That(await empty.Content.ReadAsStringAsync(), Does.Contain("a macro does at least one thing"));

        var created = await admin.PostAsJsonAsync("/api/macros", new { name = "Damaged on arrival", templateKey = "complaint-en", tags = new[] { "damaged", "refund" }, priority = 1 });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var macroId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Assert.That((await admin.PostAsJsonAsync("/api/macros", new { name = "Damaged on arrival", tags = new[] { "x" } })).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await aino.PostAsJsonAsync("/api/macros", new { name = "Mine", tags = new[] { "x" } })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await aino.GetFromJsonAsync<JsonArray>("/api/macros"))!.Select(m => m!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Damaged on arrival" }));

        var posted = await admin.PostAsJsonAsync("/api/signals", new
        {
            platform = "instagram", postId = "macro-1", authorHandle = "mika", authorName = "Mika", postedAt = DateTimeOffset.UtcNow.AddMinutes(-1), text = "My blender arrived broken. Really disappointed",
        });
        var signalId = Guid.Parse((await posted.Content.ReadFromJsonAsync<JsonObject>())!["signalId"]!.GetValue<string>());
        Guid caseId = default;
        for (var i = 0; i < 300 && caseId == default; i++)
        {
            using var scope = factory.Services.CreateScope();
            caseId = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Cases.Where(c => c.SignalId == signalId && c.Status == "awaiting_agent").Select(c => c.Id).SingleOrDefaultAsync();
            if (caseId == default) await Task.Delay(100);
        }
        Assert.That(caseId, Is.Not.EqualTo(default(Guid)));

        var unclaimed = await aino.PostAsync($"/api/cases/{caseId}/macros/{macroId}", null);
        Assert.That(unclaimed.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await unclaimed.Content.ReadAsStringAsync(), Does.Contain("claim the case"));
        await aino.PostAsync($"/api/cases/{caseId}/claim", null);
        Assert.That((await eero.PostAsync($"/api/cases/{caseId}/macros/{macroId}", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "only the holder");
        var before = (await aino.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["case"]!;

        var applied = await aino.PostAsync($"/api/cases/{caseId}/macros/{macroId}", null);
        Assert.That(applied.StatusCode, Is.EqualTo(HttpStatusCode.OK), await applied.Content.ReadAsStringAsync());
        var result = (await applied.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.That(result["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "damaged", "refund" }));
        Assert.That(result["priority"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(result["draft"]!.GetValue<string>(), Does.Contain("Mika"), "the template filled in for this customer");
        var after = (await aino.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!;
        Assert.That(DateTime.Parse(after["case"]!["slaDueAt"]!.GetValue<string>()), Is.LessThan(DateTime.Parse(before["slaDueAt"]!.GetValue<string>())), "urgent: due sooner");
        Assert.That(after["timeline"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()), Is.SupersetOf(new[] { "tagged", "macro" }));

        // The agent sends the drafted reply; once measured, the report filters by the macro's tag.
        var reply = await aino.PostAsJsonAsync($"/api/cases/{caseId}/actions", new { action = "reply", text = result["draft"]!.GetValue<string>() });
        Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        JsonObject? report = null;
        for (var i = 0; i < 300; i++)
        {
            report = await analyst.GetFromJsonAsync<JsonObject>("/api/reports/measure?tag=refund");
            if (report!["total"]!["cases"]!.GetValue<int>() == 1) break;
            await Task.Delay(100);
        }
        Assert.That(report!["total"]!["cases"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That((await analyst.GetFromJsonAsync<JsonObject>("/api/reports/measure?tag=legal"))!["total"]!["cases"]!.GetValue<int>(), Is.Zero);

        // Tags set by hand are checked in words.
        var badTags = await aino.PutAsJsonAsync($"/api/cases/{caseId}/tags", new { tags = new[] { "ok", "no spaces please" } });
        Assert.That(badTags.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await badTags.Content.ReadAsStringAsync(), Does.Contain("'no spaces please' is not a tag"));
        Assert.That((await admin.DeleteAsync($"/api/macros/{macroId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await aino.GetFromJsonAsync<JsonArray>("/api/macros"))!, Is.Empty);
    }
}
