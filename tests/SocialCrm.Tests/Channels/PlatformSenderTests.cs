using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Tests.Api;
using static SocialCrm.Simulation.Platforms.PlatformDeliveries;

namespace SocialCrm.Tests.Channels;

/// <summary>
/// Replies from the agents' API go out through the right platform's API (a local fake that checks their shape),
/// wait out rate limits as the platform says, retry server errors, and a refusal marks the case, never silently.
/// </summary>
public class PlatformSenderTests
{
    private const string MetaSecret = "meta-secret", XSecret = "x-secret";
    private FakePlatforms _platforms = null!;
    private ApiFactory _factory = null!;
    private HttpClient _hooks = null!, _agent = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _platforms = await FakePlatforms.StartAsync();
        _factory = new ApiFactory()
            .With("SocialCrm:Channels:Meta:AppSecret", MetaSecret)
            .With("SocialCrm:Channels:Meta:VerifyToken", "v")
            .With("SocialCrm:Channels:Meta:PageAccessToken", FakePlatforms.GraphToken)
            .With("SocialCrm:Channels:Meta:GraphBaseUrl", _platforms.GraphBaseUrl)
            .With("SocialCrm:Channels:Meta:InstagramAccountId", InstagramAccountId)
            .With("SocialCrm:Channels:X:ConsumerSecret", XSecret)
            .With("SocialCrm:Channels:X:AccessToken", FakePlatforms.XToken)
            .With("SocialCrm:Channels:X:AccountId", FakePlatforms.XAccount)
            .With("SocialCrm:Channels:X:ApiBaseUrl", _platforms.XBaseUrl);
        _hooks = _factory.CreateClient();
        _agent = await _factory.ClientAsync("aino", "agent");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _hooks.Dispose();
        _agent.Dispose();
        _factory.Dispose();
        await _platforms.DisposeAsync();
    }

    private async Task DeliverMetaAsync(JsonObject delivery) =>
        Assert.That((await _hooks.PostMetaAsync(delivery, MetaSecret)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

    private async Task DeliverXAsync(JsonObject delivery) =>
        Assert.That((await _hooks.PostXAsync(delivery, XSecret)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

    private Task<T> QueryAsync<T>(Func<CrmDbContext, Task<T>> query) => _factory.QueryAsync(query);

    private async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, int seconds = 30) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(100);
        }
        Assert.Fail($"timed out waiting for {what}");
        return null!;
    }

    /// <summary>The case of a post, once it waits for an agent.</summary>
    private Task<Case> AwaitingAgentAsync(string platform, string postId) => EventuallyAsync(() => QueryAsync(db =>
        db.Cases.AsNoTracking().Join(db.Signals, c => c.SignalId, s => s.Id, (c, s) => new { c, s })
            .Where(x => x.s.Platform == platform && x.s.PlatformPostId == postId && x.c.Status == CaseStatus.AwaitingAgent)
            .Select(x => x.c).SingleOrDefaultAsync()), $"the case of {platform}/{postId} in the inbox");

    private async Task<OutgoingMessage> ReplyAsync(Case @case, string text, string expectStatus)
    {
        var acted = await _agent.PostAsJsonAsync($"/api/cases/{@case.Id}/actions", new { action = "reply", replyKind = "standard", text });
        Assert.That(acted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await acted.Content.ReadAsStringAsync());
        return await EventuallyAsync(() => QueryAsync(db => db.OutgoingMessages.AsNoTracking()
            .SingleOrDefaultAsync(m => m.CaseId == @case.Id && m.Kind == OutgoingKinds.Reply && m.Status == expectStatus)), $"the reply {expectStatus}");
    }

    private const string Complaint = "My order never arrived and nobody answers, this is the worst service ever";

    [Test]
    public async Task A_reply_to_a_Facebook_comment_goes_under_the_comment_through_the_Graph_API()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-2);
        await DeliverMetaAsync(Meta("page", at, changes: [FeedChange("comment", "add", $"{PageId}_31", "31_500", $"{PageId}_31", "6500", "Pia", Complaint, at)]));
        var @case = await AwaitingAgentAsync("facebook", "31_500");

        var sent = await ReplyAsync(@case, "Hi Pia, we are sorry. Please send us your order number.", SendStatus.Sent);
        var call = _platforms.Calls.Single(c => c.Path == "/graph/v21.0/31_500/comments");
        Assert.Multiple(() =>
        {
            Assert.That(call.Token, Is.EqualTo(FakePlatforms.GraphToken));
            Assert.That(call.Body!["message"]!.GetValue<string>(), Is.EqualTo("Hi Pia, we are sorry. Please send us your order number."));
            Assert.That(sent.PlatformMessageId, Does.StartWith("31_500_reply"), "the id the platform gave is recorded");
            Assert.That(sent.Sender, Is.EqualTo("meta-graph"));
        });
    }

    [Test]
    public async Task A_reply_to_a_Messenger_message_is_a_message_to_the_sender_and_a_server_error_is_retried()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-2);
        await DeliverMetaAsync(Meta("page", at, messaging: [Message("7650", PageId, "m_dm_650", Complaint, at)]));
        var @case = await AwaitingAgentAsync("facebook", "m_dm_650");

        _platforms.AnswerNext(HttpStatusCode.InternalServerError, """{"error":{"message":"An unexpected error has occurred.","type":"OAuthException","code":2}}""");
        await ReplyAsync(@case, "Hi, we are looking into it now.", SendStatus.Sent);
        var calls = _platforms.Calls.Where(c => c.Path == "/graph/v21.0/me/messages" && c.Body?["message"]?["text"]?.ToString() == "Hi, we are looking into it now.").ToList();
        Assert.That(calls, Has.Count.EqualTo(2), "the 500 was retried once");
        Assert.That(calls[1].Body!["recipient"]!["id"]!.GetValue<string>(), Is.EqualTo("7650"));
        Assert.That(calls[1].Body!["messaging_type"]!.GetValue<string>(), Is.EqualTo("RESPONSE"));
    }

    [Test]
    public async Task An_X_reply_that_meets_a_rate_limit_waits_until_the_reset_and_then_goes()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-2);
        await DeliverXAsync(XTweet("1850000000000009001", XUser("4900", "kaisa", "Kaisa", 300), "@acme " + Complaint, at));
        var @case = await AwaitingAgentAsync("x", "1850000000000009001");

        _platforms.XRateLimitNext(TimeSpan.FromSeconds(2));
        var sent = await ReplyAsync(@case, "@kaisa Sorry! DM us the order number.", SendStatus.Sent);
        var calls = _platforms.Calls.Where(c => c.Path == "/x/2/tweets" && c.Body?["reply"]?["in_reply_to_tweet_id"]?.ToString() == "1850000000000009001").ToList();
        Assert.That(calls, Has.Count.EqualTo(2));
        Assert.That(calls[1].At - calls[0].At, Is.GreaterThan(TimeSpan.FromSeconds(0.9)), "it waited for the reset instead of hammering");
        Assert.That(sent.PlatformMessageId, Does.StartWith("18600000000000"));
    }

    [Test]
    public async Task A_refused_send_fails_the_message_with_the_platform_s_reason_on_the_case()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-2);
        await DeliverMetaAsync(Meta("instagram", at, changes: [InstagramComment("17890000000000777", "17918195224117851", null, "8777", "olli", Complaint)]));
        var @case = await AwaitingAgentAsync("instagram", "17890000000000777");

        _platforms.AnswerNext(HttpStatusCode.BadRequest, """{"error":{"message":"(#10) The comment has been deleted","type":"OAuthException","code":10}}""");
        var failed = await ReplyAsync(@case, "Hi Olli, sorry about that.", SendStatus.Failed);
        Assert.That(failed.Error, Does.Contain("The comment has been deleted").And.Contain("code 10"));
        Assert.That(_platforms.Calls.Count(c => c.Path == "/graph/v21.0/17890000000000777/replies"), Is.EqualTo(1), "a refusal is not retried");
        var view = await _agent.GetFromJsonAsync<JsonObject>($"/api/cases/{@case.Id}");
        Assert.That(view!["history"]!.AsArray().Select(h => h!["kind"]!.GetValue<string>()), Does.Contain("send_failed"));
        Assert.That(view["sent"]![0]!["status"]!.GetValue<string>(), Is.EqualTo("failed"));
    }

    [Test]
    public async Task A_direct_message_older_than_24_hours_cannot_be_answered_privately()
    {
        var at = DateTimeOffset.UtcNow.AddHours(-25);
        await DeliverMetaAsync(Meta("page", at, messaging: [Message("7800", PageId, "m_old_800", Complaint, at)]));
        var @case = await AwaitingAgentAsync("facebook", "m_old_800");
        var view = await _agent.GetFromJsonAsync<JsonObject>($"/api/cases/{@case.Id}");
        Assert.That(view!["replyRefusal"]!.GetValue<string>(), Does.Contain("24 hours"));

        var acted = await _agent.PostAsJsonAsync($"/api/cases/{@case.Id}/actions", new { action = "reply", replyKind = "standard", text = "Hello?" });
        Assert.That(acted.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await acted.Content.ReadAsStringAsync(), Does.Contain("within 24 hours"));
        Assert.That(await QueryAsync(db => db.OutgoingMessages.CountAsync(m => m.CaseId == @case.Id)), Is.Zero);
    }

    [Test]
    public async Task An_Instagram_mention_sent_by_id_is_read_from_the_Graph_API_before_it_is_stored()
    {
        _platforms.Mentions["17999000000000001"] = ("@acme the zipper broke on day two, what now?", "tiina.k");
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var mention = new JsonObject { ["field"] = "mentions", ["value"] = new JsonObject { ["media_id"] = "17918000000000002", ["comment_id"] = "17999000000000001" } };
        var gone = new JsonObject { ["field"] = "mentions", ["value"] = new JsonObject { ["media_id"] = "17918000000000002", ["comment_id"] = "17999000000000009" } };
        var answer = await _hooks.PostMetaAsync(Meta("instagram", at, changes: [mention, gone]), MetaSecret);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        var result = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.That((result["accepted"]!.GetValue<int>(), result["skipped"]!.GetValue<int>()), Is.EqualTo((1, 1)), "a mention that no longer exists is left out");

        var signal = await QueryAsync(db => db.Signals.AsNoTracking().SingleAsync(s => s.Platform == "instagram" && s.PlatformPostId == "17999000000000001"));
        Assert.That((signal.Text, signal.AuthorHandle, signal.InReplyToPostId), Is.EqualTo(("@acme the zipper broke on day two, what now?", "tiina.k", "17918000000000002")));
        Assert.That(_platforms.Calls.Any(c => c.Path == $"/graph/v21.0/{InstagramAccountId}" && c.Token == FakePlatforms.GraphToken));
    }
}
