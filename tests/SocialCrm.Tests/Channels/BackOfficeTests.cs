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
/// The back office's customer data over PUT /api/customers/{externalId}: revenue and consent reach the next brief,
/// named accounts are linked (the engine's record for them merged in), a direct message naming an order number
/// links its author, and an account never moves silently from one back-office customer to another.
/// </summary>
public class BackOfficeTests
{
    private const string MetaSecret = "meta-secret";
    private ApiFactory _factory = null!;
    private HttpClient _hooks = null!, _backOffice = null!, _agent = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory().With("SocialCrm:Channels:Meta:AppSecret", MetaSecret).With("SocialCrm:Channels:Meta:VerifyToken", "v");
        _hooks = _factory.CreateClient();
        _backOffice = await _factory.ClientAsync("erp-sync", "backoffice");
        _agent = await _factory.ClientAsync("aino", "agent");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _hooks.Dispose();
        _backOffice.Dispose();
        _agent.Dispose();
        _factory.Dispose();
    }

    private async Task DeliverAsync(JsonObject delivery) =>
        Assert.That((await _hooks.PostMetaAsync(delivery, MetaSecret)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

    private Task<T> QueryAsync<T>(Func<CrmDbContext, Task<T>> query) => _factory.QueryAsync(query);

    private async Task<(Case Case, CaseBrief Brief)> BriefOfAsync(string postId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var found = await QueryAsync(db => db.Cases.AsNoTracking().Join(db.Signals, c => c.SignalId, s => s.Id, (c, s) => new { c, s })
                .Where(x => x.s.PlatformPostId == postId).Join(db.CaseBriefs, x => x.c.Id, b => b.CaseId, (x, b) => new { x.c, b }).SingleOrDefaultAsync());
            if (found is not null) return (found.c, found.b);
            await Task.Delay(100);
        }
        Assert.Fail($"no brief for {postId}");
        return default;
    }

    private static object Record(string name, double revenue, bool consentToConnect, params object[] identities) => new
    {
        name, email = $"{name.ToLowerInvariant().Replace(' ', '.')}@example.fi", lifetimeRevenue = revenue,
        purchases = new[] { new { orderNumber = $"SO-{Math.Abs(name.GetHashCode()) % 100000}", amount = revenue, purchasedAt = DateTimeOffset.UtcNow.AddDays(-400) } },
        consent = new
        {
            contact = new { given = true, at = DateTimeOffset.UtcNow.AddDays(-400), source = "web shop checkout" },
            connect = new { given = consentToConnect, at = DateTimeOffset.UtcNow.AddDays(-30), source = "loyalty programme form" },
        },
        identities,
    };

    [Test]
    public async Task Revenue_and_consent_from_the_back_office_reach_the_next_brief_and_the_author_s_earlier_case()
    {
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        const string text = "The blender I bought stopped working, what do I do?";
        await DeliverAsync(Meta("page", at, changes: [FeedChange("comment", "add", $"{PageId}_41", "41_1", $"{PageId}_41", "6941", "Eeva Laine", text, at)]));
        var (firstCase, firstBrief) = await BriefOfAsync("41_1");

        var put = await _backOffice.PutAsJsonAsync("/api/customers/C-1041", Record("Eeva Laine", 8200, true, new { platform = "facebook", userId = "6941" }));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created), await put.Content.ReadAsStringAsync());
        var answer = (await put.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.That(answer["merged"]!.GetValue<int>(), Is.EqualTo(1), "the engine's record for the author is merged in");
        var customerId = answer["customerId"]!.GetValue<Guid>();
        Assert.That(await QueryAsync(db => db.Cases.Where(c => c.Id == firstCase.Id).Select(c => c.CustomerId).SingleAsync()), Is.EqualTo(customerId));

        await DeliverAsync(Meta("page", at.AddMinutes(2), changes: [FeedChange("comment", "add", $"{PageId}_41", "41_2", $"{PageId}_41", "6941", "Eeva Laine", text, at.AddMinutes(2))]));
        var (secondCase, secondBrief) = await BriefOfAsync("41_2");
        Assert.That(secondCase.CustomerId, Is.EqualTo(customerId));
        Assert.That(secondBrief.ValueScore, Is.GreaterThan(firstBrief.ValueScore), "8,200 of revenue makes the customer worth more than an unknown author");

        var view = (await _agent.GetFromJsonAsync<JsonObject>($"/api/cases/{secondCase.Id}"))!;
        Assert.That(view["customer"]!["lifetimeRevenue"]!.GetValue<double>(), Is.EqualTo(8200));
        Assert.That(view["customer"]!["backOffice"]!["connect"]!["source"]!.GetValue<string>(), Is.EqualTo("loyalty programme form"));
        Assert.That(view["connectionRefusal"]?.ToString() ?? "", Does.Not.Contain("consent"), "consent given, the connection request is offered");
        Assert.That(view["customer"]!["identities"]![0]!["linkedBy"]!.GetValue<string>(), Does.Contain("named by the back office"));

        var stored = (await _backOffice.GetFromJsonAsync<JsonObject>("/api/customers/C-1041"))!;
        Assert.That(stored["cases"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(stored["purchases"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_stranger_naming_someones_order_number_and_e_mail_by_direct_message_gets_a_suggestion_only_until_an_agent_confirms()
    {
        var put = await _backOffice.PutAsJsonAsync("/api/customers/C-2002", new
        {
            name = "Oskari Niemi", lifetimeRevenue = 9000.0, email = "oskari@example.fi",
            purchases = new[] { new { orderNumber = "55123", amount = 9000.0, purchasedAt = DateTimeOffset.UtcNow.AddDays(-300) } },
        });
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created), await put.Content.ReadAsStringAsync());
        var customerId = (await put.Content.ReadFromJsonAsync<JsonObject>())!["customerId"]!.GetValue<Guid>();

        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        await DeliverAsync(Meta("page", at, messaging: [Message("7555", PageId, "m_order_1", "Hi! I am oskari@example.fi, my order #55123 has not arrived yet, can you check?", at)]));
        var (@case, brief) = await BriefOfAsync("m_order_1");
        Assert.That(@case.CustomerId, Is.Not.EqualTo(customerId), "what a message says is a claim: the author stays their own customer");
        Assert.That(brief.DraftReply, Does.Not.Contain("Oskari"), "no other customer's name in the draft");
        var author = await QueryAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == @case.CustomerId));
        Assert.That((author.LifetimeRevenue, author.ExternalId), Is.EqualTo((0.0, (string?)null)), "nor their value");

        var view = (await _agent.GetFromJsonAsync<JsonObject>($"/api/cases/{@case.Id}"))!;
        var claim = view["claims"]!.AsArray().Single()!;
        Assert.That(claim["state"]!.GetValue<string>(), Is.EqualTo("pending"));
        Assert.That(claim["claimedName"]!.GetValue<string>(), Is.EqualTo("Oskari Niemi"));
        Assert.That(claim["why"]!.GetValue<string>(), Does.Contain("in a direct message"));
        Assert.That(view["customer"]!["name"]!.GetValue<string>(), Is.Not.EqualTo("Oskari Niemi"));

        var confirmed = await _agent.PostAsync($"/api/cases/{@case.Id}/identity-claims/{claim["id"]}/confirm", null);
        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await confirmed.Content.ReadAsStringAsync());
        Assert.That((await _agent.PostAsync($"/api/cases/{@case.Id}/identity-claims/{claim["id"]}/confirm", null)).StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "decided once");
        Assert.That(await QueryAsync(db => db.Cases.Where(c => c.Id == @case.Id).Select(c => c.CustomerId).SingleAsync()), Is.EqualTo(customerId), "confirmed by a person: linked");
        var why = await QueryAsync(db => db.SocialIdentities.Where(i => i.PlatformUserId == "7555").Select(i => i.LinkedBy).SingleAsync());
        Assert.That(why, Does.Contain("in a direct message").And.Contain("confirmed by aino"));
        var audit = await QueryAsync(db => db.AuditEntries.Where(a => a.Action == "customer.claim-confirmed").ToListAsync());
        Assert.That(audit.Select(a => (a.Actor, a.Target)), Is.EqualTo(new[] { ("aino", "customer C-2002") }));

        // The same number in a public comment is not even a claim: anyone can quote it.
        await DeliverAsync(Meta("page", at, changes: [FeedChange("comment", "add", $"{PageId}_42", "42_1", $"{PageId}_42", "6942", "Someone", "Is order 55123 the one with the blue lid?", at)]));
        var (publicCase, _) = await BriefOfAsync("42_1");
        Assert.That(publicCase.CustomerId, Is.Not.EqualTo(customerId));
        Assert.That(await QueryAsync(db => db.IdentityClaims.CountAsync(c => c.CustomerId == publicCase.CustomerId)), Is.Zero);
    }

    [Test]
    public async Task A_rejected_claim_leaves_the_author_their_own_customer_and_is_audited()
    {
        Assert.That((await _backOffice.PutAsJsonAsync("/api/customers/C-2003", new { name = "Liisa Virtanen", email = "liisa@example.fi", lifetimeRevenue = 500.0 })).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        await DeliverAsync(Meta("page", at, messaging: [Message("7556", PageId, "m_claim_liisa", "this is liisa@example.fi, refund me now", at)]));
        var (@case, _) = await BriefOfAsync("m_claim_liisa");
        var claim = (await _agent.GetFromJsonAsync<JsonObject>($"/api/cases/{@case.Id}"))!["claims"]!.AsArray().Single()!;
        Assert.That((await _agent.PostAsync($"/api/cases/{@case.Id}/identity-claims/{claim["id"]}/reject", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await QueryAsync(db => db.Customers.CountAsync(c => c.Id == @case.CustomerId && c.ExternalId == null && c.MergedIntoId == null)), Is.EqualTo(1));
        Assert.That(await QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "customer.claim-rejected" && a.Target == "customer C-2003")), Is.EqualTo(1));
        var view = (await _agent.GetFromJsonAsync<JsonObject>($"/api/cases/{@case.Id}"))!;
        Assert.That(view["claims"]![0]!["state"]!.GetValue<string>(), Is.EqualTo("rejected"));
    }

    [Test]
    public async Task An_account_of_another_back_office_customer_is_a_conflict_and_bad_records_get_400_in_words()
    {
        Assert.That((await _backOffice.PutAsJsonAsync("/api/customers/C-3001", Record("Anna A", 10, false, new { platform = "x", userId = "9301", handle = "anna_a" }))).StatusCode,
            Is.EqualTo(HttpStatusCode.Created));
        var conflict = await _backOffice.PutAsJsonAsync("/api/customers/C-3002", Record("Bert B", 20, false, new { platform = "x", userId = "9301" }));
        Assert.That(conflict.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await conflict.Content.ReadAsStringAsync(), Does.Contain("belongs to the back office's customer 'C-3001'"));
        Assert.That(await QueryAsync(db => db.Customers.CountAsync(c => c.ExternalId == "C-3002")), Is.Zero, "a refused update saves nothing");

        var bad = await _backOffice.PutAsJsonAsync("/api/customers/C-3003", new
        {
            name = "", email = "not-an-address", lifetimeRevenue = -5,
            consent = new { connect = new { given = true } },
            identities = new[] { new { platform = "myspace", handle = "x" } },
        });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.That(errors.Select(e => e.Key), Is.SupersetOf(new[] { "name", "email", "lifetimeRevenue", "consent.connect.at", "consent.connect.source", "identities[0].platform" }));

        var wrongType = await _backOffice.PutAsync("/api/customers/C-3004", new StringContent("""{"name": "X", "lifetimeRevenue": "lots"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(wrongType.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task The_back_office_service_account_reaches_customer_data_and_nothing_else()
    {
        Assert.That((await _backOffice.GetAsync("/api/customers/nobody")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        foreach (var path in new[] { "/api/cases", "/api/stats", "/api/users", "/api/reports/measure", "/api/audit", "/api/models" })
            Assert.That((await _backOffice.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), path);
        var signal = await _backOffice.PostAsJsonAsync("/api/signals", new { platform = "x", postId = "bo-1", authorHandle = "a", text = "t", postedAt = DateTimeOffset.UtcNow });
        Assert.That(signal.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await _agent.PutAsJsonAsync("/api/customers/C-9", Record("Agent Made", 1, false))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task An_account_linked_only_by_a_direct_message_gets_no_connection_request_until_the_back_office_names_it()
    {
        var put = await _backOffice.PutAsJsonAsync("/api/customers/C-5005", new
        {
            name = "Sini Salo", lifetimeRevenue = 900.0, email = "sini@example.fi",
            consent = new { connect = new { given = true, at = DateTimeOffset.UtcNow.AddDays(-9), source = "loyalty programme form" } },
        });
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        await DeliverAsync(Meta("page", at, messaging: [Message("7505", PageId, "m_claim_1", "Hello, it's me, sini@example.fi - where is my parcel? I am really upset", at)]));
        var (@case, _) = await BriefOfAsync("m_claim_1");
        var view = (await _agent.GetFromJsonAsync<JsonObject>($"/api/cases/{@case.Id}"))!;
        Assert.That((await _agent.PostAsync($"/api/cases/{@case.Id}/identity-claims/{view["claims"]![0]!["id"]}/confirm", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        view = (await _agent.GetFromJsonAsync<JsonObject>($"/api/cases/{@case.Id}"))!;
        Assert.That(view["customer"]!["name"]!.GetValue<string>(), Is.EqualTo("Sini Salo"));
        Assert.That(view["connectionRefusal"]!.GetValue<string>(), Does.Contain("only by what a direct message said"));

        var confirmed = await _backOffice.PutAsJsonAsync("/api/customers/C-5005", new
        {
            name = "Sini Salo", lifetimeRevenue = 900.0, email = "sini@example.fi",
            consent = new { connect = new { given = true, at = DateTimeOffset.UtcNow.AddDays(-9), source = "loyalty programme form" } },
            identities = new[] { new { platform = "facebook", userId = "7505" } },
        });
        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        view = (await _agent.GetFromJsonAsync<JsonObject>($"/api/cases/{@case.Id}"))!;
        Assert.That(view["connectionRefusal"]?.ToString() ?? "", Does.Not.Contain("direct message"));
    }
}
