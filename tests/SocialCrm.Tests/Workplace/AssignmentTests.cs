using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Assignment;
using SocialCrm.Tests.Api;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Workplace;

/// <summary>Availability, capacity and auto-assignment, and transfers, over the API against a real store.</summary>
public class AssignmentTests
{
    private static async Task<List<Guid>> PostCasesAsync(ApiFactory factory, HttpClient admin, string prefix, int count, string text = "My parcel is late again, where is it?")
    {
        // Arriving at once: the signals API is called concurrently.
        var posts = Enumerable.Range(0, count).Select(async i =>
        {
            var posted = await admin.PostAsJsonAsync("/api/signals", new
            {
                platform = "instagram", postId = $"{prefix}-{i}", authorHandle = $"{prefix}-customer-{i}", postedAt = DateTimeOffset.UtcNow.AddMinutes(-1), text,
            });
            Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await posted.Content.ReadAsStringAsync());
            return Guid.Parse((await posted.Content.ReadFromJsonAsync<JsonObject>())!["signalId"]!.GetValue<string>());
        });
        var signals = await Task.WhenAll(posts);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var cases = await db.Cases.Where(c => signals.Contains(c.SignalId) && c.Status == CaseStatus.AwaitingAgent).Select(c => c.Id).ToListAsync();
            if (cases.Count == count) return cases;
            await Task.Delay(100);
        }
        Assert.Fail($"not all {count} cases reached the inbox");
        return [];
    }

    private static async Task<Dictionary<string, int>> HeldAsync(ApiFactory factory, IReadOnlyCollection<Guid> cases)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        return await db.Cases.Where(c => cases.Contains(c.Id)).GroupBy(c => c.AssignedAgent ?? "(nobody)").Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count);
    }

    private static async Task SetAsync(HttpClient admin, HttpClient agent, string name, int capacity, string status = "available")
    {
        var work = await admin.PutAsJsonAsync($"/api/agents/{name}", new { capacity });
        Assert.That(work.StatusCode, Is.EqualTo(HttpStatusCode.OK), await work.Content.ReadAsStringAsync());
        var availability = await agent.PutAsJsonAsync("/api/me/availability", new { status });
        Assert.That(availability.StatusCode, Is.EqualTo(HttpStatusCode.OK), await availability.Content.ReadAsStringAsync());
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail(what);
    }

    [TestCase(DatabaseOptions.Sqlite)]
    [TestCase(DatabaseOptions.Postgres)]
    public async Task Concurrent_arrivals_never_take_an_agent_above_capacity_and_the_rest_wait_until_someone_has_room(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        using var factory = new ApiFactory().With("SocialCrm:Database:Provider", store.Options.Provider).With("SocialCrm:Database:ConnectionString", store.Options.ConnectionString)
            .With("SocialCrm:Assignment:IntervalSeconds", "0.2");
        using var admin = await factory.ClientAsync("root", "admin");
        using var aino = await factory.ClientAsync("aino", "agent");
        using var eero = await factory.ClientAsync("eero", "agent");
        using var offline = await factory.ClientAsync("olli", "agent");
        await SetAsync(admin, aino, "aino", capacity: 3, status: "away");
        await SetAsync(admin, eero, "eero", capacity: 2, status: "away");
        await SetAsync(admin, offline, "olli", capacity: 10, status: "offline");
        var cases = await PostCasesAsync(factory, admin, $"cap-{provider}", 24);
        Assert.That((await HeldAsync(factory, cases)).GetValueOrDefault("(nobody)"), Is.EqualTo(24), "nobody available: every case waits");

        // Aino becomes available while a dozen assignments of different cases to her race the host's own rounds and
        // four more assigners, as other processes would.
        using var stop = new CancellationTokenSource();
        var racers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var scope = factory.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<AutoAssigner>().AssignWaitingAsync(CancellationToken.None);
            }
        })).ToList();
        Assert.That((await aino.PutAsJsonAsync("/api/me/availability", new { status = "available" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var direct = await Task.WhenAll(cases.Take(12).Select(c => Task.Run(async () =>
        {
            using var scope = factory.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<AutoAssigner>().AssignAsync(c, "aino", CancellationToken.None);
        })));
        Assert.That(direct.Count(d => d), Is.LessThanOrEqualTo(3));
        Assert.That((await eero.PutAsJsonAsync("/api/me/availability", new { status = "available" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await EventuallyAsync(async () => (await HeldAsync(factory, cases)).GetValueOrDefault("(nobody)") == 19, "five cases should be assigned, the others wait");
        await Task.Delay(1000);
        stop.Cancel();
        await Task.WhenAll(racers);

        var held = await HeldAsync(factory, cases);
        Assert.That(held.GetValueOrDefault("aino"), Is.EqualTo(3), "aino's capacity is 3");
        Assert.That(held.GetValueOrDefault("eero"), Is.EqualTo(2), "eero's capacity is 2");
        Assert.That(held.ContainsKey("olli"), Is.False, "an offline agent is given nothing");
        Assert.That(held.GetValueOrDefault("(nobody)"), Is.EqualTo(19));

        // Every assignment is on the case's timeline and in the audit trail, and told to the agent.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            Assert.That(await db.CaseEvents.CountAsync(e => cases.Contains(e.CaseId) && e.Kind == CaseEventKinds.Assigned), Is.EqualTo(5));
            Assert.That(await db.AuditEntries.CountAsync(e => e.Action == "case.assigned"), Is.EqualTo(5));
        }
        var notes = await aino.GetFromJsonAsync<JsonObject>("/api/notifications");
        Assert.That(notes!["unread"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(notes["items"]!.AsArray().Select(n => n!["kind"]!.GetValue<string>()), Is.All.EqualTo("assigned"));

        // Aino answers one of hers: she has room, and the most urgent waiting case is hers at once, without claiming.
        var mine = (await aino.GetFromJsonAsync<JsonArray>("/api/cases?holder=mine"))!;
        Assert.That(mine, Has.Count.EqualTo(3));
        var reply = await aino.PostAsJsonAsync($"/api/cases/{mine[0]!["caseId"]}/actions", new { action = "reply" });
        Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await EventuallyAsync(async () => (await HeldAsync(factory, cases)).GetValueOrDefault("(nobody)") == 18, "a waiting case should go to aino once she has room", 10);
        var me = await aino.GetFromJsonAsync<JsonObject>("/api/me");
        Assert.That(me!["agent"]!["openCases"]!.GetValue<int>(), Is.EqualTo(3));
    }

    [Test]
    public async Task Equal_agents_take_turns_and_a_queue_without_auto_assignment_waits_for_a_claim()
    {
        using var factory = new ApiFactory().With("SocialCrm:Assignment:IntervalSeconds", "0.2");
        using var admin = await factory.ClientAsync("root", "admin");
        using var aino = await factory.ClientAsync("aino", "agent");
        using var eero = await factory.ClientAsync("eero", "agent");
        await SetAsync(admin, aino, "aino", capacity: 10);
        await SetAsync(admin, eero, "eero", capacity: 10);

        var cases = await PostCasesAsync(factory, admin, "turns", 6);
        await EventuallyAsync(async () => (await HeldAsync(factory, cases)).GetValueOrDefault("(nobody)") == 0, "every case should be assigned");
        var held = await HeldAsync(factory, cases);
        Assert.That(held.GetValueOrDefault("aino"), Is.EqualTo(3));
        Assert.That(held.GetValueOrDefault("eero"), Is.EqualTo(3));

        // Complaints (this text's queue) without auto-assignment: a new one waits for someone to claim it.
        var off = await admin.PutAsJsonAsync("/api/settings", new { queues = new { complaints = new { autoAssign = false } }, comment = "claim by hand" });
        Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.OK), await off.Content.ReadAsStringAsync());
        Assert.That((await off.Content.ReadFromJsonAsync<JsonObject>())!["values"]!["queues"]!["complaints"]!["autoAssign"]!.GetValue<bool>(), Is.False);
        var waiting = await PostCasesAsync(factory, admin, "manual", 1, "This is the worst service ever, a broken blender and nobody answers");
        using (var scope = factory.Services.CreateScope())
            Assert.That(await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Cases.Where(c => c.Id == waiting[0]).Select(c => c.Queue).SingleAsync(), Is.EqualTo("complaints"));
        await Task.Delay(1500);
        Assert.That((await HeldAsync(factory, waiting)).GetValueOrDefault("(nobody)"), Is.EqualTo(1), "a queue without auto-assignment waits for a claim");

        // A queue setting that is not one is refused in words.
        var bad = await admin.PutAsJsonAsync("/api/settings", new { queues = new { complaints = new { autoAssign = "yes", roundRobin = true } } });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.That(problem, Does.Contain("must be true or false").And.Contains("'roundRobin' is not a queue setting"));
    }

    [Test]
    public async Task The_holder_or_an_admin_transfers_a_case_with_a_note_and_the_new_holder_is_told()
    {
        using var factory = new ApiFactory().With("SocialCrm:Assignment:IntervalSeconds", "0.2");
        using var admin = await factory.ClientAsync("root", "admin");
        using var aino = await factory.ClientAsync("aino", "agent");
        using var eero = await factory.ClientAsync("eero", "agent");
        var caseId = (await PostCasesAsync(factory, admin, "transfer", 1))[0];
        Assert.That((await aino.PostAsync($"/api/cases/{caseId}/claim", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var notHolder = await eero.PostAsJsonAsync($"/api/cases/{caseId}/transfer", new { agent = "eero" });
        Assert.That(notHolder.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await notHolder.Content.ReadAsStringAsync(), Does.Contain("held by aino"));
        var nobody = await aino.PostAsJsonAsync($"/api/cases/{caseId}/transfer", new { agent = "nobody-here" });
        Assert.That(nobody.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await nobody.Content.ReadAsStringAsync(), Does.Contain("'nobody-here' is not an active agent"));
        var empty = await aino.PostAsJsonAsync($"/api/cases/{caseId}/transfer", new { note = "just a note" });
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var moved = await aino.PostAsJsonAsync($"/api/cases/{caseId}/transfer", new { agent = "eero", queue = "vip", note = "Eero knows this customer" });
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await moved.Content.ReadAsStringAsync());
        var view = await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}");
        Assert.That(view!["case"]!["assignedAgent"]!.GetValue<string>(), Is.EqualTo("eero"));
        Assert.That(view["case"]!["queue"]!.GetValue<string>(), Is.EqualTo("vip"));
        var transfer = view["timeline"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == "transferred")!;
        Assert.That(transfer["actor"]!.GetValue<string>(), Is.EqualTo("aino"));
        Assert.That(transfer["text"]!.GetValue<string>(), Is.EqualTo("Eero knows this customer"));
        var told = (await eero.GetFromJsonAsync<JsonObject>("/api/notifications"))!["items"]!.AsArray().Single()!;
        Assert.That(told["text"]!.GetValue<string>(), Does.Contain("aino transferred a case to you: Eero knows this customer"));
        Assert.That(told["caseId"]!.GetValue<string>(), Is.EqualTo(caseId.ToString()));

        // Aino no longer holds it; an admin sends it back to the queue, unassigned.
        Assert.That((await aino.PostAsJsonAsync($"/api/cases/{caseId}/transfer", new { agent = "aino" })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var back = await admin.PostAsJsonAsync($"/api/cases/{caseId}/transfer", new { queue = "support", note = "not vip after all" });
        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK), await back.Content.ReadAsStringAsync());
        view = await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}");
        Assert.That(view!["case"]!["assignedAgent"], Is.Null);
        Assert.That(view["case"]!["queue"]!.GetValue<string>(), Is.EqualTo("support"));
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/audit?action=case.transferred"))!;
        Assert.That(audit, Has.Count.EqualTo(2));
        Assert.That(audit.Select(a => a!["detail"]!.GetValue<string>()), Has.Some.Contains("from aino in ").And.Some.Contains(" to agent eero, queue vip with a note"));
    }

    [Test]
    public async Task Availability_and_capacity_refuse_what_is_not_one_in_words()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");
        using var aino = await factory.ClientAsync("aino", "agent");
        using var analyst = await factory.ClientAsync("ana", "analyst");

        var busy = await aino.PutAsJsonAsync("/api/me/availability", new { status = "busy" });
        Assert.That(busy.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await busy.Content.ReadAsStringAsync(), Does.Contain("'busy' is not a status (available, away, offline)"));
        var none = await aino.PutAsync("/api/me/availability", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var broken = await aino.PutAsync("/api/me/availability", new StringContent("{\"status\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(broken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        var tooMany = await admin.PutAsJsonAsync("/api/agents/aino", new { capacity = 5000 });
        Assert.That(tooMany.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await tooMany.Content.ReadAsStringAsync(), Does.Contain("capacity must be from 0 to 200 open cases, not 5000"));
        var badQueue = await admin.PutAsJsonAsync("/api/agents/aino", new { queues = new[] { "VIP customers" } });
        Assert.That(badQueue.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await admin.PutAsJsonAsync("/api/agents/ana", new { capacity = 3 })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "an analyst is no agent");

        var set = await admin.PutAsJsonAsync("/api/agents/aino", new { capacity = 4, queues = new[] { "vip", "complaints" } });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await aino.PutAsJsonAsync("/api/me/availability", new { status = "away" })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var agents = (await admin.GetFromJsonAsync<JsonArray>("/api/agents"))!;
        var row = agents.Single(a => a!["userName"]!.GetValue<string>() == "aino")!;
        Assert.That(row["availability"]!.GetValue<string>(), Is.EqualTo("away"));
        Assert.That(row["capacity"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(row["queues"]!.AsArray().Select(q => q!.GetValue<string>()), Is.EqualTo(new[] { "complaints", "vip" }));
        Assert.That((await analyst.PutAsJsonAsync("/api/me/availability", new { status = "available" })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_case_given_back_goes_to_someone_else_and_an_agent_without_the_role_gets_none()
    {
        using var factory = new ApiFactory().With("SocialCrm:Assignment:IntervalSeconds", "0.2");
        using var admin = await factory.ClientAsync("root", "admin");
        using var aino = await factory.ClientAsync("aino", "agent");
        using var eero = await factory.ClientAsync("eero", "agent");
        using var former = await factory.ClientAsync("former", "agent");
        await SetAsync(admin, former, "former", capacity: 10);
        // No longer an agent, though still available in their profile: nothing is assigned to them.
        Assert.That((await admin.PatchAsJsonAsync("/api/users/former", new { roles = new[] { "analyst" } })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await SetAsync(admin, aino, "aino", capacity: 10);

        var caseId = (await PostCasesAsync(factory, admin, "give-back", 1))[0];
        await EventuallyAsync(async () => (await HeldAsync(factory, [caseId])).ContainsKey("aino"), "the case should go to aino, the only agent");
        Assert.That((await aino.PostAsync($"/api/cases/{caseId}/release", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Task.Delay(1000);
        Assert.That((await HeldAsync(factory, [caseId])).GetValueOrDefault("(nobody)"), Is.EqualTo(1), "not straight back to the one who gave it back");
        await SetAsync(admin, eero, "eero", capacity: 10);
        await EventuallyAsync(async () => (await HeldAsync(factory, [caseId])).ContainsKey("eero"), "the case should go to eero");
        var timeline = (await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!["timeline"]!.AsArray().Select(e => $"{e!["kind"]} {e["agent"] ?? e["actor"]}");
        Assert.That(timeline, Is.EqualTo(new[] { "assigned aino", "released aino", "assigned eero" }));
        using var scope = factory.Services.CreateScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Cases.CountAsync(c => c.AssignedAgent == "former"), Is.Zero);
    }
}
