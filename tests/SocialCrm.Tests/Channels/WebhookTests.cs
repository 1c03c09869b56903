using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Signals;
using SocialCrm.Persistence;
using SocialCrm.Tests.Api;
using static SocialCrm.Simulation.Platforms.PlatformDeliveries;

namespace SocialCrm.Tests.Channels;

/// <summary>
/// The platforms' webhooks against the real host: deliveries shaped and signed as Meta and X send them become
/// signals threaded and attributed right; bad signatures are refused and store nothing; retries, edits and removals
/// keep one signal per post.
/// </summary>
public class WebhookTests
{
    private const string MetaSecret = "meta-app-secret-for-tests", VerifyToken = "verify-me", XSecret = "x-consumer-secret-for-tests", ReviewSecret = "review-site-secret";
    private ApiFactory _factory = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new ApiFactory()
            .With("SocialCrm:Channels:Meta:AppSecret", MetaSecret)
            .With("SocialCrm:Channels:Meta:VerifyToken", VerifyToken)
            .With("SocialCrm:Channels:X:ConsumerSecret", XSecret)
            .With("SocialCrm:Channels:Generic:reviews:Secret", ReviewSecret);
        _http = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _http.Dispose();
        _factory.Dispose();
    }

    private Task<HttpResponseMessage> PostAsync(string url, byte[] body, string header, string? signature) => _http.PostSignedAsync(url, body, header, signature);

    private Task<HttpResponseMessage> PostMetaAsync(JsonObject delivery, string? secret = MetaSecret) => _http.PostMetaAsync(delivery, secret);

    private Task<HttpResponseMessage> PostXAsync(JsonObject delivery, string secret = XSecret) => _http.PostXAsync(delivery, secret);

    private Task<T> QueryAsync<T>(Func<CrmDbContext, Task<T>> query) => _factory.QueryAsync(query);

    private Task<Signal?> SignalAsync(string platform, string postId) =>
        QueryAsync(db => db.Signals.AsNoTracking().SingleOrDefaultAsync(s => s.Platform == platform && s.PlatformPostId == postId));

    private async Task<Signal> CapturedAsync(string platform, string postId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await SignalAsync(platform, postId) is { CapturedAt: not null } s) return s;
            await Task.Delay(100);
        }
        Assert.Fail($"{platform}/{postId} was not captured");
        return null!;
    }

    private static async Task<JsonObject> OkAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    [Test]
    public async Task Meta_verification_answers_the_challenge_only_for_the_right_token()
    {
        var ok = await _http.GetAsync($"/webhooks/meta?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=1158201444");
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ok.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/plain"));
        Assert.That(await ok.Content.ReadAsStringAsync(), Is.EqualTo("1158201444"));

        var wrong = await _http.GetAsync("/webhooks/meta?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var noMode = await _http.GetAsync($"/webhooks/meta?hub.verify_token={VerifyToken}&hub.challenge=1");
        Assert.That(noMode.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_page_comment_a_reply_to_it_an_Instagram_comment_and_a_Messenger_message_become_threaded_attributed_signals()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        var page = Meta("page", at,
            changes:
            [
                FeedChange("status", "add", $"{PageId}_501", null, null, "6001", "Liisa Virtanen", "Does the new model ship to Finland?", at),
                FeedChange("comment", "add", $"{PageId}_77", $"77_9001", $"{PageId}_77", "6002", "Matti Mäkelä", "My order 4411 never arrived, nobody answers.", at),
                FeedChange("comment", "add", $"{PageId}_77", $"77_9002", $"77_9001", "6003", "Anna Berg", "Same here, three weeks now.", at.AddMinutes(1)),
                FeedChange("comment", "add", $"{PageId}_77", $"77_9003", $"77_9001", PageId, "Our Page", "Sorry Matti, we are on it.", at.AddMinutes(2)),
                new JsonObject { ["field"] = "feed", ["value"] = new JsonObject { ["item"] = "reaction", ["verb"] = "add", ["reaction_type"] = "like", ["post_id"] = $"{PageId}_77", ["from"] = new JsonObject { ["id"] = "6009" } } },
            ],
            messaging: [Message("7001", PageId, "m_AbC-messenger-1", "Hi, can I change the delivery address for order 5120?", at)]);
        var result = await OkAsync(await PostMetaAsync(page));
        Assert.That(result["accepted"]!.GetValue<int>(), Is.EqualTo(4), "the page's own reply and the reaction are not customer signals");

        var instagram = Meta("instagram", at, changes: [InstagramComment("17865799348089039", "17918195224117851", null, "8001", "sanna.k", "Love the colour! Is it in stock?")]);
        await OkAsync(await PostMetaAsync(instagram));

        var post = await CapturedAsync("facebook", $"{PageId}_501");
        Assert.Multiple(() =>
        {
            Assert.That(post.Kind, Is.EqualTo(SignalKinds.Post));
            Assert.That(post.AuthorPlatformId, Is.EqualTo("6001"));
            Assert.That(post.AuthorName, Is.EqualTo("Liisa Virtanen"));
            Assert.That(post.PostedAt, Is.EqualTo(at.UtcDateTime).Within(TimeSpan.FromSeconds(1)));
        });
        var comment = await CapturedAsync("facebook", "77_9001");
        var reply = await CapturedAsync("facebook", "77_9002");
        Assert.Multiple(() =>
        {
            Assert.That(comment.Kind, Is.EqualTo(SignalKinds.Comment));
            Assert.That(comment.InReplyToPostId, Is.EqualTo($"{PageId}_77"));
            Assert.That(reply.InReplyToPostId, Is.EqualTo("77_9001"));
            Assert.That(reply.ThreadRootId, Is.EqualTo(comment.ThreadRootId), "a reply to a comment joins the comment's thread");
            Assert.That(reply.CustomerId, Is.Not.EqualTo(comment.CustomerId), "two authors, two customers");
        });
        Assert.That(await SignalAsync("facebook", "77_9003"), Is.Null, "the page's own reply is not a signal");

        var dm = await CapturedAsync("facebook", "m_AbC-messenger-1");
        Assert.That((dm.Kind, dm.AuthorPlatformId, dm.Text), Is.EqualTo((SignalKinds.DirectMessage, "7001", "Hi, can I change the delivery address for order 5120?")));
        var ig = await CapturedAsync("instagram", "17865799348089039");
        Assert.That((ig.Kind, ig.AuthorHandle, ig.AuthorPlatformId, ig.InReplyToPostId), Is.EqualTo((SignalKinds.Comment, "sanna.k", "8001", "17918195224117851")));
    }

    [Test]
    public async Task A_badly_signed_or_unsigned_delivery_gets_401_and_nothing_is_stored()
    {
        var delivery = Meta("page", DateTimeOffset.UtcNow, messaging: [Message("7100", PageId, "m_forged", "Forged message", DateTimeOffset.UtcNow)]);
        var forged = await PostMetaAsync(delivery, secret: "not-the-app-secret");
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await forged.Content.ReadAsStringAsync(), Does.Contain("does not match"));
        var unsigned = await PostMetaAsync(delivery, secret: null);
        Assert.That(unsigned.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await unsigned.Content.ReadAsStringAsync(), Does.Contain("missing"));

        // A signature over a different body (the body changed in transit) is refused too.
        var body = Bytes(delivery);
        var other = Bytes(Meta("page", DateTimeOffset.UtcNow, messaging: [Message("7100", PageId, "m_other", "Other", DateTimeOffset.UtcNow)]));
        var swapped = await PostAsync("/webhooks/meta", body, "X-Hub-Signature-256", MetaSignature(other, MetaSecret));
        Assert.That(swapped.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        var xForged = await PostXAsync(XTweet("1850000000000000001", XUser("3001", "forger", "F", 1), "@us forged", DateTimeOffset.UtcNow), secret: "wrong");
        Assert.That(xForged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await QueryAsync(db => db.Signals.CountAsync(s => s.PlatformPostId == "m_forged" || s.PlatformPostId == "1850000000000000001")), Is.Zero);
    }

    [Test]
    public async Task Retries_give_one_signal_an_edit_keeps_the_earlier_text_and_a_removal_marks_the_signal()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-10);
        var add = Meta("page", at, changes: [FeedChange("comment", "add", $"{PageId}_88", "88_1", $"{PageId}_88", "6100", "Kalle", "The app crashes on login", at)]);
        for (var i = 0; i < 3; i++) await OkAsync(await PostMetaAsync(add));
        Assert.That(await QueryAsync(db => db.Signals.CountAsync(s => s.PlatformPostId == "88_1")), Is.EqualTo(1));
        var first = await CapturedAsync("facebook", "88_1");

        var edit = Meta("page", at.AddMinutes(2), changes: [FeedChange("comment", "edited", $"{PageId}_88", "88_1", $"{PageId}_88", "6100", "Kalle", "The app crashes on login since the update", at.AddMinutes(2))]);
        Assert.That((await OkAsync(await PostMetaAsync(edit)))["edited"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That((await OkAsync(await PostMetaAsync(edit)))["edited"]!.GetValue<int>(), Is.Zero, "a retried edit changes nothing");
        var edited = (await SignalAsync("facebook", "88_1"))!;
        Assert.That((edited.Id, edited.Text, edited.EditedAt.HasValue), Is.EqualTo((first.Id, "The app crashes on login since the update", true)));
        var revisions = await QueryAsync(db => db.SignalRevisions.Where(r => r.SignalId == first.Id).Select(r => r.Text).ToListAsync());
        Assert.That(revisions, Is.EqualTo(new[] { "The app crashes on login" }));

        var remove = Meta("page", at.AddMinutes(3), changes: [FeedChange("comment", "remove", $"{PageId}_88", "88_1", $"{PageId}_88", "6100", "Kalle", "", at.AddMinutes(3))]);
        Assert.That((await OkAsync(await PostMetaAsync(remove)))["removed"]!.GetValue<int>(), Is.EqualTo(1));
        var removed = (await SignalAsync("facebook", "88_1"))!;
        Assert.That(removed.RemovedAt, Is.EqualTo(at.AddMinutes(3).UtcDateTime).Within(TimeSpan.FromSeconds(1)));

        // An older edit retried after the removal and the newer edit changes nothing.
        var stale = Meta("page", at.AddMinutes(1), changes: [FeedChange("comment", "edited", $"{PageId}_88", "88_1", $"{PageId}_88", "6100", "Kalle", "The app crashes", at.AddMinutes(1))]);
        Assert.That((await OkAsync(await PostMetaAsync(stale)))["edited"]!.GetValue<int>(), Is.Zero);
        Assert.That((await SignalAsync("facebook", "88_1"))!.Text, Is.EqualTo("The app crashes on login since the update"));
        Assert.That(await QueryAsync(db => db.Cases.CountAsync(c => c.SignalId == first.Id)), Is.LessThanOrEqualTo(1));
    }

    [Test]
    public async Task Concurrent_deliveries_and_their_retries_are_all_answered_200_and_each_post_is_stored_once()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var deliveries = Enumerable.Range(0, 30).Select(i =>
            Meta("page", at, messaging: [Message($"psid-c{i % 7}", PageId, $"m_concurrent_{i}", $"Question number {i} about my order", at)])).ToList();
        // Each delivery twice, all at once: Meta retries while the first attempt is still being written.
        var answers = await Task.WhenAll(deliveries.Concat(deliveries).Select(d => PostMetaAsync(d)));
        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadFromJsonAsync<JsonObject>()));
        Assert.That(bodies.Sum(b => b!["accepted"]!.GetValue<int>()), Is.EqualTo(30));
        Assert.That(bodies.Sum(b => b!["duplicates"]!.GetValue<int>()), Is.EqualTo(30));
        Assert.That(await QueryAsync(db => db.Signals.CountAsync(s => s.PlatformPostId.StartsWith("m_concurrent_"))), Is.EqualTo(30));
        await CapturedAsync("facebook", "m_concurrent_29");
    }

    [Test]
    public async Task X_crc_a_mention_a_reply_and_a_direct_message()
    {
        var crc = await _http.GetFromJsonAsync<JsonObject>("/webhooks/x?crc_token=challenge-123");
        var expected = "sha256=" + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(XSecret), System.Text.Encoding.UTF8.GetBytes("challenge-123")));
        Assert.That(crc!["response_token"]!.GetValue<string>(), Is.EqualTo(expected));
        Assert.That((await _http.GetAsync("/webhooks/x")).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        // The CRC answer signs what it is given: a body passed off as a token would come back as that body's signature.
        var forged = """{"for_user_id":"2244994945","tweet_create_events":[]}""";
        var crcForgery = await _http.GetAsync("/webhooks/x?crc_token=" + Uri.EscapeDataString(forged));
        Assert.That(crcForgery.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var jane = XUser("4001", "jane_doe", "Jane Doe", 5400);
        await OkAsync(await PostXAsync(XTweet("1850000000000000101", jane, "@acme my parcel is lost, order 7781", at)));
        await OkAsync(await PostXAsync(XTweet("1850000000000000102", XUser("4002", "bob", "Bob", 12), "@jane_doe @acme same for me", at.AddMinutes(1), inReplyTo: "1850000000000000101")));
        await OkAsync(await PostXAsync(XTweet("1850000000000000103", XUser(XAccountId, "acme", "Acme", 90000), "@jane_doe sorry!", at.AddMinutes(2), inReplyTo: "1850000000000000101")));
        await OkAsync(await PostXAsync(XDirectMessage("1850000000000000201", jane, "Here is my order number: 7781", at.AddMinutes(3))));

        var mention = await CapturedAsync("x", "1850000000000000101");
        var reply = await CapturedAsync("x", "1850000000000000102");
        var dm = await CapturedAsync("x", "1850000000000000201");
        Assert.Multiple(() =>
        {
            Assert.That((mention.AuthorHandle, mention.AuthorName, mention.AuthorFollowers, mention.AuthorPlatformId), Is.EqualTo(("jane_doe", "Jane Doe", 5400, "4001")));
            Assert.That(mention.Url, Is.EqualTo("https://x.com/jane_doe/status/1850000000000000101"));
            Assert.That(reply.ThreadRootId, Is.EqualTo(mention.ThreadRootId));
            Assert.That(dm.Kind, Is.EqualTo(SignalKinds.DirectMessage));
            Assert.That(dm.CustomerId, Is.EqualTo(mention.CustomerId), "the same X account is the same customer");
        });
        Assert.That(await SignalAsync("x", "1850000000000000103"), Is.Null, "our own reply is not a signal");
    }

    [Test]
    public async Task An_author_who_changed_their_handle_stays_the_same_customer()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-20);
        await OkAsync(await PostXAsync(XTweet("1850000000000000301", XUser("4301", "old_name", "Mia", 10), "@acme is the shop open on Sunday?", at)));
        var before = await CapturedAsync("x", "1850000000000000301");
        await OkAsync(await PostXAsync(XTweet("1850000000000000302", XUser("4301", "new_name", "Mia", 10), "@acme thanks, and on Monday?", at.AddMinutes(5))));
        var after = await CapturedAsync("x", "1850000000000000302");
        Assert.That(after.CustomerId, Is.EqualTo(before.CustomerId));
        var handles = await QueryAsync(db => db.SocialIdentities.Where(i => i.CustomerId == before.CustomerId).Select(i => i.Handle).ToListAsync());
        Assert.That(handles, Is.EqualTo(new[] { "new_name" }));
    }

    [Test]
    public async Task A_generic_source_posts_signed_signals_and_an_invalid_item_refuses_the_whole_delivery()
    {
        var at = DateTimeOffset.UtcNow.AddHours(-1).ToString("O");
        var good = $$"""[{ "platform": "trustpilot", "postId": "tp-1", "authorHandle": "reviewer-1", "text": "Two stars: slow delivery.", "postedAt": "{{at}}" }]""";
        var goodBytes = System.Text.Encoding.UTF8.GetBytes(good);
        await OkAsync(await PostAsync("/webhooks/generic/reviews", goodBytes, "X-SocialCrm-Signature", MetaSignature(goodBytes, ReviewSecret)));
        Assert.That(await SignalAsync("trustpilot", "tp-1"), Is.Not.Null);

        var bad = $$"""
            [{ "platform": "trustpilot", "postId": "tp-2", "authorHandle": "r2", "text": "fine", "postedAt": "{{at}}" },
             { "platform": "myspace", "postId": "tp-3", "authorHandle": "r3", "text": "", "postedAt": "{{at}}" }]
            """;
        var badBytes = System.Text.Encoding.UTF8.GetBytes(bad);
        var refused = await PostAsync("/webhooks/generic/reviews", badBytes, "X-SocialCrm-Signature", MetaSignature(badBytes, ReviewSecret));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.EquivalentTo(new[] { "$[1].platform", "$[1].text" }));
        Assert.That(errors["$[1].platform"]![0]!.GetValue<string>(), Does.Contain("'myspace' is not a supported platform"));
        Assert.That(await SignalAsync("trustpilot", "tp-2"), Is.Null, "a refused delivery stores nothing");

        var wrongType = System.Text.Encoding.UTF8.GetBytes("""{ "platform": "trustpilot", "postId": 5 }""");
        var typed = await PostAsync("/webhooks/generic/reviews", wrongType, "X-SocialCrm-Signature", MetaSignature(wrongType, ReviewSecret));
        Assert.That(typed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await typed.Content.ReadAsStringAsync(), Does.Contain("$.postId: must be a string"));

        var unknown = await PostAsync("/webhooks/generic/nosuch", goodBytes, "X-SocialCrm-Signature", MetaSignature(goodBytes, ReviewSecret));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task An_item_without_its_ids_is_left_out_and_the_rest_of_the_delivery_is_stored()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var broken = FeedChange("comment", "add", $"{PageId}_99", null, null, "6199", "Nobody", "no comment id", at);
        var delivery = Meta("page", at, changes: [broken, FeedChange("comment", "add", $"{PageId}_99", "99_1", $"{PageId}_99", "6198", "Somebody", "Where is my order?", at)]);
        var result = await OkAsync(await PostMetaAsync(delivery));
        Assert.That((result["accepted"]!.GetValue<int>(), result["skipped"]!.GetValue<int>()), Is.EqualTo((1, 1)));
        Assert.That(await SignalAsync("facebook", "99_1"), Is.Not.Null);
    }

    [Test]
    public async Task Malformed_deliveries_get_400_in_words_and_oversized_ones_413()
    {
        var notJson = "{\"object\": \"page\", \"entry\": ["u8.ToArray();
        var answer = await PostAsync("/webhooks/meta", notJson, "X-Hub-Signature-256", MetaSignature(notJson, MetaSecret));
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("not valid JSON"));

        var wrongObject = """{"object": "user", "entry": []}"""u8.ToArray();
        var other = await PostAsync("/webhooks/meta", wrongObject, "X-Hub-Signature-256", MetaSignature(wrongObject, MetaSecret));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await other.Content.ReadAsStringAsync(), Does.Contain("'object' is 'user'"));

        var huge = new byte[(1 << 20) + 10];
        Array.Fill(huge, (byte)' ');
        var tooLarge = await PostAsync("/webhooks/meta", huge, "X-Hub-Signature-256", MetaSignature(huge, MetaSecret));
        Assert.That(tooLarge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task A_channel_without_its_secret_is_off_and_says_so()
    {
        using var factory = new ApiFactory();
        using var http = factory.CreateClient();
        var get = await http.GetAsync($"/webhooks/meta?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1");
        Assert.That(get.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await get.Content.ReadAsStringAsync(), Does.Contain("SocialCrm:Channels:Meta:AppSecret"));
        var post = await http.PostAsync("/webhooks/x", new StringContent("{}"));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await post.Content.ReadAsStringAsync(), Does.Contain("X channel is off"));
    }
}
