using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SocialCrm.Tests.Api;

/// <summary>The whole loop over HTTP, as an integrator and an agent would drive it.</summary>
public class CaseFlowApiTests
{
    private static async Task<JsonNode> EventuallyAsync(Func<Task<JsonNode?>> probe, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(100);
        }
        Assert.Fail($"timed out waiting for {what}");
        return null!;
    }

    [Test]
    public async Task A_posted_signal_becomes_a_brief_the_agent_reply_is_sent_and_the_report_counts_it()
    {
        using var factory = new ApiFactory();
        using var http = await factory.EveryRoleClientAsync();
        var posted = await http.PostAsJsonAsync("/api/signals", new
        {
            platform = "facebook", postId = "flow-1", authorHandle = "pekka", authorName = "Pekka", authorFollowers = 120,
            text = "How do I return the broken kettle? It stopped working after two days.", postedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        });
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        var inboxCase = await EventuallyAsync(async () =>
            (await http.GetFromJsonAsync<JsonArray>("/api/cases?status=awaiting_agent"))!.FirstOrDefault(), "the brief in the inbox");
        var caseId = inboxCase["caseId"]!.GetValue<string>();
        var view = (await http.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!;
        Assert.That(view["brief"]!["draftReply"]!.GetValue<string>(), Does.StartWith("Hi Pekka"));

        var acted = await http.PostAsJsonAsync($"/api/cases/{caseId}/actions", new { action = "reply", replyKind = "standard" });
        Assert.That(acted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        using var bob = await factory.ClientAsync("bob", "agent");
        var again = await bob.PostAsJsonAsync($"/api/cases/{caseId}/actions", new { action = "reply" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a second agent cannot act on the same case");
        Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("held by all-roles"), "the refusal names the holder");

        var sent = await EventuallyAsync(async () =>
            (await http.GetFromJsonAsync<JsonArray>("/api/sandbox/messages"))!.FirstOrDefault(m => m!["caseId"]!.GetValue<string>() == caseId), "the reply in the sandbox");
        Assert.Multiple(() =>
        {
            Assert.That(sent["recipient"]!.GetValue<string>(), Is.EqualTo("pekka"));
            Assert.That(sent["text"]!.GetValue<string>(), Does.StartWith("Hi Pekka"), "the agent sent the drafted reply");
        });

        var report = await EventuallyAsync(async () =>
        {
            var r = await http.GetFromJsonAsync<JsonObject>("/api/reports/measure");
            return r!["total"]!["replied"]!.GetValue<int>() == 1 ? r : null;
        }, "the measure report to count the reply");
        Assert.That(report["byReplyKind"]!.AsArray().Single()!["replyKind"]!.GetValue<string>(), Is.EqualTo("standard"));

        var detail = (await http.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!;
        Assert.Multiple(() =>
        {
            Assert.That(detail["case"]!["status"]!.GetValue<string>(), Is.EqualTo("measured"));
            Assert.That(detail["metrics"]!["outcome"]!.GetValue<string>(), Is.EqualTo("timed_out"), "no follow-up came within the 1 s window");
            Assert.That(detail["journal"]!.AsArray().Select(j => j!["definitionId"]!.GetValue<string>()).Distinct(),
                Is.EqualTo(new[] { "listen", "analyse", "act", "measure" }));
            Assert.That(detail["history"]!.AsArray().Select(h => h!["stage"]!.GetValue<string>()).Distinct(),
                Is.EquivalentTo(new[] { "listen", "analyse", "act", "measure" }));
        });
    }
}
