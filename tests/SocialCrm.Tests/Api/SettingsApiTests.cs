using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;

namespace SocialCrm.Tests.Api;

/// <summary>Issue 12: the admins' settings are validated, versioned and audited, and the next case uses them without a restart.</summary>
public class SettingsApiTests
{
    [Test]
    public async Task Settings_are_refused_in_words_when_wrong_versioned_when_saved_and_the_next_case_uses_them_without_a_restart()
    {
        using var factory = new ApiFactory().With("SocialCrm:Workflow:AutoAgent", "true");
        using var admin = await factory.EveryRoleClientAsync();
        var first = (await admin.GetFromJsonAsync<JsonObject>("/api/settings"))!;
        Assert.That(((int)first["version"]!, (double)first["values"]!["vipValue"]!), Is.EqualTo((1, 0.7)));

        // Wrong names, types and ranges are each refused with the setting named in words, and save nothing.
        await RefusedAsync(admin, new JsonObject { ["vipValu"] = 0.5 }, "vipValu", "did you mean 'vipValue'");
        await RefusedAsync(admin, new JsonObject { ["vipValue"] = 1.5 }, "vipValue", "must be from 0 to 1");
        await RefusedAsync(admin, new JsonObject { ["vipValue"] = "high" }, "vipValue", "must be a number");
        await RefusedAsync(admin, new JsonObject { ["slaUrgentMinutes"] = 30.5 }, "slaUrgentMinutes", "whole number");
        await RefusedAsync(admin, new JsonObject { ["slaUrgentMinutes"] = 500 }, "slaUrgentMinutes", "cannot get longer (500 minutes) than a high one (240)");
        var huge = await admin.PutAsync("/api/settings", new StringContent("{\"vipValue\": 1e999}", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(huge.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await huge.Content.ReadAsStringAsync());
        Assert.That((await admin.GetFromJsonAsync<JsonArray>("/api/settings/versions"))!, Has.Count.EqualTo(1));

        // Every customer a VIP and every SLA about half an hour: live for the next case, as version 2.
        var saved = await admin.PutAsJsonAsync("/api/settings", new JsonObject
        {
            ["vipValue"] = 0, ["slaUrgentMinutes"] = 30, ["slaHighMinutes"] = 31, ["slaNormalMinutes"] = 32, ["slaLowMinutes"] = 33, ["comment"] = "all hands this week",
        });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
        Assert.That((int)(await saved.Content.ReadFromJsonAsync<JsonObject>())!["version"]!, Is.EqualTo(2));
        string[] texts = ["Where is my parcel?", "Your app keeps crashing, this is awful", "Thanks, great service!"];
        for (var i = 0; i < texts.Length; i++)
            await admin.PostAsJsonAsync("/api/signals", new { platform = "x", postId = $"settings-{i}", authorHandle = $"settings_{i}", text = texts[i], postedAt = DateTimeOffset.UtcNow });
        var cases = await DecidedAsync(factory, texts.Length);
        Assert.Multiple(() =>
        {
            foreach (var c in cases)
            {
                Assert.That(c.Queue, Is.EqualTo("vip"), "vipValue 0 puts every case in the vip queue");
                Assert.That((c.SlaDueAt - c.CreatedAt).TotalMinutes, Is.InRange(29.0, 34.0), "the SLA minutes saved a moment ago");
            }
        });

        // Saving what is live makes no new version; the change is in the audit trail with what moved and why.
        var again = (await (await admin.PutAsJsonAsync("/api/settings", new JsonObject { ["vipValue"] = 0 })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.That(((int)again["version"]!, (bool)again["changed"]!), Is.EqualTo((2, false)));
        using (var scope = factory.Services.CreateScope())
        {
            var audit = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().AuditEntries.Where(a => a.Action == AuditActions.SettingsChanged).ToListAsync();
            Assert.That(audit.Select(a => (a.Target, a.Detail)), Is.EqualTo(new[] { ("settings v2", "vipValue 0.7 → 0; slaUrgentMinutes 60 → 30; slaHighMinutes 240 → 31; slaNormalMinutes 480 → 32; slaLowMinutes 1440 → 33 (all hands this week)") }));
        }

        // A settings change tried on those cases before saving it: each keeps the settings it was decided under, but
        // for the one tried, so every case leaves the vip queue and nothing else moves.
        var tried = (await (await admin.PostAsJsonAsync("/api/workflows/analyse/versions/1/backtest", new JsonObject { ["signals"] = 100, ["settings"] = new JsonObject { ["vipValue"] = 1 } }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.That(((int)tried["compared"]!, (int)tried["changed"]!, (int)tried["byQueue"]!["vip"]!["after"]!), Is.EqualTo((texts.Length, texts.Length, 0)), tried.ToJsonString());
        Assert.That(tried["cases"]!.AsArray().All(c => (string)c!["before"]!["decision"]! == (string)c!["after"]!["decision"]! && (int)c!["before"]!["priority"]! == (int)c!["after"]!["priority"]!), tried.ToJsonString());
        var badTry = await admin.PostAsJsonAsync("/api/workflows/analyse/versions/1/backtest", new JsonObject { ["settings"] = new JsonObject { ["vipValue"] = 2 } });
        Assert.That(badTry.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        // A change made from version 1 after version 2 was saved is refused, not merged with it unseen.
        var stale = await admin.PutAsJsonAsync("/api/settings", new JsonObject { ["vipValue"] = 0.9, ["version"] = 1 });
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await stale.Content.ReadAsStringAsync());

        // Version 1 made live again, as version 3.
        var restored = (await (await admin.PostAsync("/api/settings/versions/1/restore", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.That(((int)restored["version"]!, (double)restored["values"]!["vipValue"]!, (string?)restored["comment"]), Is.EqualTo((3, 0.7, "back to version 1")));
        Assert.That((await admin.PostAsync("/api/settings/versions/99/restore", null)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static async Task RefusedAsync(HttpClient admin, JsonObject body, string field, string says)
    {
        var response = await admin.PutAsJsonAsync("/api/settings", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.That(errors.ContainsKey(field), text);
        Assert.That(string.Join(" ", errors[field]!.AsArray().Select(e => (string)e!)), Does.Contain(says), text);
    }

    private sealed record Decided(string Decision, string Queue, DateTime CreatedAt, DateTime SlaDueAt);

    private static async Task<List<Decided>> DecidedAsync(ApiFactory factory, int count)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            if (await db.Cases.CountAsync(c => c.Status == CaseStatus.Measured) < count) continue;
            return [.. (await db.Cases.ToListAsync()).Select(c => new Decided(c.Decision, c.Queue, c.CreatedAt, c.SlaDueAt))];
        }
        Assert.Fail($"{count} cases were not measured in 90 s");
        return [];
    }
}
