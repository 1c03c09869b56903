using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence;
using SocialCrm.Tests.Api;

namespace SocialCrm.Tests.Workplace;

/// <summary>Claiming, one action per case, the kind of reply recorded, and one connection request per person, over the API.</summary>
public class CaseWorkTests
{
    private ApiFactory _factory = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory();
        _admin = await _factory.ClientAsync("root", "admin");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _admin.Dispose();
        _factory.Dispose();
    }

    private async Task<string> CaseAwaitingAgentAsync(string handle, string postId, string text = "My parcel is late again, where is it?")
    {
        var posted = await _admin.PostAsJsonAsync("/api/signals", new
        {
            platform = "instagram", postId, authorHandle = handle, authorName = handle, postedAt = DateTimeOffset.UtcNow.AddMinutes(-1), text,
        });
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var signalId = (await posted.Content.ReadFromJsonAsync<JsonObject>())!["signalId"]!.GetValue<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            using var scope = _factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var id = await db.Cases.Where(c => c.SignalId == Guid.Parse(signalId) && c.Status == "awaiting_agent").Select(c => (Guid?)c.Id).SingleOrDefaultAsync();
            if (id is not null) return id.Value.ToString();
            await Task.Delay(100);
        }
        Assert.Fail("the case never reached the inbox");
        return "";
    }

    private async Task<JsonObject> SentAsync(string caseId, string kind)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var sent = (await _admin.GetFromJsonAsync<JsonArray>("/api/sandbox/messages"))!
                .FirstOrDefault(m => m!["caseId"]!.GetValue<string>() == caseId && m["kind"]!.GetValue<string>() == kind);
            if (sent is not null) return sent.AsObject();
            await Task.Delay(100);
        }
        Assert.Fail($"no {kind} was sent for case {caseId}");
        return null!;
    }

    [Test]
    public async Task The_holder_of_a_case_is_the_only_one_who_can_act_on_it()
    {
        var caseId = await CaseAwaitingAgentAsync("holder-test", "claim-1");
        using var aino = await _factory.ClientAsync("aino", "agent");
        using var eero = await _factory.ClientAsync("eero", "agent");

        Assert.That((await aino.PostAsync($"/api/cases/{caseId}/claim", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var claim = await eero.PostAsync($"/api/cases/{caseId}/claim", null);
        Assert.That(claim.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await claim.Content.ReadAsStringAsync(), Does.Contain("held by aino"));
        var act = await eero.PostAsJsonAsync($"/api/cases/{caseId}/actions", new { action = "reply" });
        Assert.That(act.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await act.Content.ReadAsStringAsync(), Does.Contain("held by aino"));

        var detail = (await eero.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!;
        Assert.That(detail["case"]!["assignedAgent"]!.GetValue<string>(), Is.EqualTo("aino"), "others see who holds it");

        Assert.That((await aino.PostAsJsonAsync($"/api/cases/{caseId}/actions", new { action = "reply", text = "Hi, we're on it." })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        // Once acted on, the case can be neither given back nor taken over.
        Assert.That((await aino.PostAsync($"/api/cases/{caseId}/release", null)).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await eero.PostAsync($"/api/cases/{caseId}/claim", null)).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await SentAsync(caseId, "reply"))["text"]!.GetValue<string>(), Is.EqualTo("Hi, we're on it."));
    }

    [Test]
    public async Task Of_concurrent_actions_on_one_case_exactly_one_is_accepted_and_the_rest_get_409()
    {
        var caseId = await CaseAwaitingAgentAsync("race-test", "race-1");
        var clients = new List<HttpClient>();
        for (var i = 0; i < 4; i++) clients.Add(await _factory.ClientAsync($"racer-{i}", "agent"));
        // Each agent twice: different agents race for the claim, the same agent races against itself for the one action.
        var answers = await Task.WhenAll(clients.Concat(clients).Select(c => c.PostAsJsonAsync($"/api/cases/{caseId}/actions", new { action = "reply", replyKind = "standard" })));
        Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.Accepted), Is.EqualTo(1));
        Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.Conflict), Is.EqualTo(answers.Length - 1), "none is dropped without an answer");
        await SentAsync(caseId, "reply");
        using var scope = _factory.Services.CreateScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<CrmDbContext>().AgentActions.CountAsync(a => a.CaseId == Guid.Parse(caseId)), Is.EqualTo(1));
        foreach (var c in clients) c.Dispose();
    }

    [Test]
    public async Task A_reply_switched_to_the_other_kind_without_text_sends_that_kinds_draft()
    {
        var caseId = await CaseAwaitingAgentAsync("kind-test", "kind-1");
        using var agent = await _factory.ClientAsync("kind-agent", "agent");
        var brief = (await agent.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["brief"]!;
        var recommended = brief["recommendedReplyKind"]!.GetValue<string>();
        var other = recommended == "personalised" ? "standard" : "personalised";

        Assert.That((await agent.PostAsJsonAsync($"/api/cases/{caseId}/actions", new { action = "reply", replyKind = other })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var sent = await SentAsync(caseId, "reply");
        Assert.That(sent["replyKind"]!.GetValue<string>(), Is.EqualTo(other));
        Assert.That(sent["text"]!.GetValue<string>(), Is.Not.EqualTo(brief["draftReply"]!.GetValue<string>()), "not the other kind's draft under a new label");
        Assert.That(sent["text"]!.GetValue<string>().Contains("personally"), Is.EqualTo(other == "personalised"));
    }

    [Test]
    public async Task Nobody_is_asked_to_connect_without_consent_or_a_second_time()
    {
        var first = await CaseAwaitingAgentAsync("connect-test", "connect-1");
        using var agent = await _factory.ClientAsync("connector", "agent");
        var noConsent = await agent.PostAsJsonAsync($"/api/cases/{first}/actions", new { action = "reply", requestConnection = true });
        Assert.That(noConsent.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await noConsent.Content.ReadAsStringAsync(), Does.Contain("has not consented"));

        using (var scope = _factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var customerId = await db.Cases.Where(c => c.Id == Guid.Parse(first)).Select(c => c.CustomerId).SingleAsync();
            await db.Customers.Where(c => c.Id == customerId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsentToConnect, true));
        }
        Assert.That((await agent.PostAsJsonAsync($"/api/cases/{first}/actions", new { action = "reply", requestConnection = true })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await SentAsync(first, "connection_request");

        var second = await CaseAwaitingAgentAsync("connect-test", "connect-2", "Another problem: the app crashes every time I try to pay.");
        var twice = await agent.PostAsJsonAsync($"/api/cases/{second}/actions", new { action = "reply", requestConnection = true });
        Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await twice.Content.ReadAsStringAsync(), Does.Contain("nobody is asked twice"));
        using var check = _factory.Services.CreateScope();
        Assert.That(await check.ServiceProvider.GetRequiredService<CrmDbContext>().OutgoingMessages.CountAsync(m => m.Recipient == "connect-test" && m.Kind == "connection_request"), Is.EqualTo(1));
    }
}
