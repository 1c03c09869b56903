using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence;
using SocialCrm.Tests.Insights;

namespace SocialCrm.Tests.Api;

/// <summary>Topics, trends and spike alerts over HTTP, on posts in the store with a wave that started 45 minutes ago.</summary>
public class InsightsApiTests
{
    [Test]
    public async Task Topics_are_found_a_wave_raises_an_alert_a_person_acknowledges_and_an_admins_name_survives_a_recomputation()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("admin", "admin");
        using var analyst = await factory.ClientAsync("ana", "analyst");
        await TopicPosts.SeedAsync(factory.Services, DateTime.UtcNow);

        var recomputed = await admin.PostAsync("/api/insights/recompute", null);
        Assert.That(recomputed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await recomputed.Content.ReadAsStringAsync());
        Assert.That((await recomputed.Content.ReadFromJsonAsync<JsonObject>())!["topics"]!.GetValue<int>(), Is.GreaterThan(5));

        var report = (await analyst.GetFromJsonAsync<JsonObject>("/api/insights/topics"))!;
        var topics = report["topics"]!.AsArray();
        // The wave's topic (a few of its posts may start a second one, which names the product too).
        var leakTopics = topics.Where(t => t!["products"]!.AsArray().Any(p => p!.GetValue<string>() == "AeroBlend 3000")).Select(t => t!).ToList();
        var leak = leakTopics.MaxBy(t => t["volume"]!.GetValue<int>())!;
        Assert.Multiple(() =>
        {
            Assert.That(leak["volume"]!.GetValue<int>(), Is.GreaterThan(20), "the wave's posts so far");
            Assert.That(leak["name"]!.GetValue<string>(), Does.Contain("aeroblend").Or.Contain("leak"));
            Assert.That(leak["intents"]!["complaint"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(0.8 * leak["volume"]!.GetValue<int>()), "the wave's posts are complaints; the seeded everyday ones are not");
            Assert.That(leak["openAlerts"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(leakTopics.Sum(t => t["volume"]!.GetValue<int>()), Is.GreaterThan(30), "most of the wave's posts so far are in topics that name the product");
            Assert.That(report["days"]!.AsArray().Any(d => d!["topicId"]!.GetValue<string>() == leak["id"]!.GetValue<string>()), "volume per day");
        });

        var alerts = (await analyst.GetFromJsonAsync<JsonArray>("/api/insights/alerts?open=true"))!;
        var alert = alerts.Single(a => a!["topicId"]!.GetValue<string>() == leak["id"]!.GetValue<string>())!;
        Assert.That(alert["kind"]!.GetValue<string>(), Is.EqualTo("volume"));
        Assert.That(alert["reason"]!.GetValue<string>(), Does.Match(@"^\d+ posts in 30 minutes, [\d.]+ times the [\d.]+ expected from the last 24 hours$"));
        var leakIds = leakTopics.Select(t => t["id"]!.GetValue<string>()).ToHashSet();
        Assert.That(alerts.Select(a => a!["topicId"]!.GetValue<string>()), Is.SubsetOf(leakIds), "the everyday topics raise nothing");

        var cases = (await analyst.GetFromJsonAsync<JsonArray>($"/api/insights/alerts/{alert["id"]}/cases"))!;
        Assert.That(cases.Count, Is.GreaterThanOrEqualTo(alert["observed"]!.GetValue<int>()));
        Assert.That(cases.All(c => c!["text"]!.GetValue<string>().Contains("AeroBlend") || c["text"]!.GetValue<string>().Contains("vuotaa") || c["text"]!.GetValue<string>().Contains("leak")));

        foreach (var open in alerts)
            Assert.That((await analyst.PostAsync($"/api/insights/alerts/{open!["id"]}/acknowledge", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await analyst.GetFromJsonAsync<JsonArray>("/api/insights/alerts?open=true"), Is.Empty);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            Assert.That(await db.AuditEntries.AnyAsync(e => e.Actor == "ana" && e.Action == "topic.alert-acknowledged"), "audited");
        }

        // An admin's name survives the next recomputation; the alert is not raised again within its quiet hours.
        var id = leak["id"]!.GetValue<string>();
        Assert.That((await admin.PutAsJsonAsync($"/api/insights/topics/{id}", new { name = "Blender leaks" })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await admin.PostAsync("/api/insights/recompute", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var again = (await analyst.GetFromJsonAsync<JsonObject>("/api/insights/topics"))!["topics"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == id)!;
        Assert.That(again["name"]!.GetValue<string>(), Is.EqualTo("Blender leaks"));
        Assert.That(again["label"]!.GetValue<string>(), Is.EqualTo(leak["label"]!.GetValue<string>()), "what was found is kept beside the name");
        Assert.That(await analyst.GetFromJsonAsync<JsonArray>("/api/insights/alerts?open=true"), Is.Empty);
    }

    [Test]
    public async Task Bad_filters_and_changes_are_refused_in_words_and_agents_are_not_let_in()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("admin", "admin");
        using var agent = await factory.ClientAsync("agent", "agent");

        var badDate = await admin.GetAsync("/api/insights/topics?from=2026-13-01");
        Assert.That(badDate.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await badDate.Content.ReadAsStringAsync(), Does.Contain("'2026-13-01' is not a date: use yyyy-MM-dd"));
        var future = await admin.GetAsync($"/api/insights/topics?from={DateTime.UtcNow.AddDays(3):yyyy-MM-dd}");
        Assert.That(await future.Content.ReadAsStringAsync(), Does.Contain("is in the future"));
        var badOpen = await admin.GetAsync("/api/insights/alerts?open=maybe");
        Assert.That(await badOpen.Content.ReadAsStringAsync(), Does.Contain("'maybe' is not true or false"));

        var missing = await admin.PutAsJsonAsync($"/api/insights/topics/{Guid.NewGuid()}", new { name = "x" });
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("there is no topic"));

        await TopicPosts.SeedAsync(factory.Services, DateTime.UtcNow, perDay: 300);
        await admin.PostAsync("/api/insights/recompute", null);
        var topics = (await admin.GetFromJsonAsync<JsonObject>("/api/insights/topics"))!["topics"]!.AsArray();
        var id = topics[0]!["id"]!.GetValue<string>();
        var self = await admin.PutAsJsonAsync($"/api/insights/topics/{id}", new { mergeInto = id });
        Assert.That(self.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await self.Content.ReadAsStringAsync(), Does.Contain("a topic cannot be merged into itself"));
        var empty = await admin.PutAsJsonAsync($"/api/insights/topics/{id}", new { name = "  " });
        Assert.That(await empty.Content.ReadAsStringAsync(), Does.Contain("a topic's name has 1 to 200 characters"));
        var badGuid = await admin.PutAsync($"/api/insights/topics/{id}", new StringContent("""{"mergeInto": "nope"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(badGuid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await badGuid.Content.ReadAsStringAsync());

        // Merged: its posts count for the other topic, and it is no longer listed on its own.
        var other = topics[1]!["id"]!.GetValue<string>();
        var sum = topics[0]!["volume"]!.GetValue<int>() + topics[1]!["volume"]!.GetValue<int>();
        Assert.That((await admin.PutAsJsonAsync($"/api/insights/topics/{id}", new { mergeInto = other })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var merged = (await admin.GetFromJsonAsync<JsonObject>("/api/insights/topics"))!["topics"]!.AsArray();
        Assert.That(merged.Any(t => t!["id"]!.GetValue<string>() == id), Is.False);
        Assert.That(merged.Single(t => t!["id"]!.GetValue<string>() == other)!["volume"]!.GetValue<int>(), Is.EqualTo(sum));

        Assert.That((await agent.GetAsync("/api/insights/topics")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await agent.PostAsync("/api/insights/recompute", null)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
