using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence;
using SocialCrm.Tests.Api;

namespace SocialCrm.Tests.Workplace;

/// <summary>Merging two cases of one matter and two records of one person: nothing lost, audited, never across the back office.</summary>
public class MergeTests
{
    private static async Task<(Guid CaseId, Guid CustomerId)> CaseAsync(ApiFactory factory, HttpClient admin, string postId, string handle, string text)
    {
        var posted = await admin.PostAsJsonAsync("/api/signals", new { platform = "instagram", postId, authorHandle = handle, authorName = handle, postedAt = DateTimeOffset.UtcNow.AddMinutes(-1), text });
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var signalId = Guid.Parse((await posted.Content.ReadFromJsonAsync<JsonObject>())!["signalId"]!.GetValue<string>());
        for (var i = 0; i < 300; i++)
        {
            using var scope = factory.Services.CreateScope();
            var found = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Cases.Where(c => c.SignalId == signalId && c.Status == "awaiting_agent")
                .Select(c => new { c.Id, c.CustomerId }).SingleOrDefaultAsync();
            if (found is not null) return (found.Id, found.CustomerId);
            await Task.Delay(100);
        }
        Assert.Fail($"no case for {postId}");
        return default;
    }

    [Test]
    public async Task Two_cases_of_one_matter_become_one_and_the_merged_one_closes_pointing_to_it()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");
        using var aino = await factory.ClientAsync("aino", "agent");
        var (first, customer) = await CaseAsync(factory, admin, "m-1", "tiina", "My kettle leaks, order 55123");
        var (second, sameCustomer) = await CaseAsync(factory, admin, "m-2", "tiina", "Hello?? The kettle still leaks");
        Assert.That(sameCustomer, Is.EqualTo(customer));
        var (other, _) = await CaseAsync(factory, admin, "m-3", "someone-else", "My toaster arrived broken, I want a refund");

        Assert.That((await aino.PostAsJsonAsync($"/api/cases/{second}/merge", new { into = first })).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a reason is required");
        var across = await aino.PostAsJsonAsync($"/api/cases/{second}/merge", new { into = other, reason = "same" });
        Assert.That(across.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await across.Content.ReadAsStringAsync(), Does.Contain("different customers"));

        var merged = await aino.PostAsJsonAsync($"/api/cases/{second}/merge", new { into = first, reason = "a reminder about the same kettle" });
        Assert.That(merged.StatusCode, Is.EqualTo(HttpStatusCode.OK), await merged.Content.ReadAsStringAsync());
        var gone = (await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{second}"))!;
        Assert.That(gone["case"]!["mergedIntoCaseId"]!.GetValue<string>(), Is.EqualTo(first.ToString()));
        Assert.That(gone["action"]!["ignoreReason"]!.GetValue<string>(), Does.StartWith($"merged into case {first}"));
        var kept = (await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{first}"))!;
        var into = kept["timeline"]!.AsArray().Single(e => e!["kind"]!.GetValue<string>() == "merged-in")!;
        Assert.That(into["actor"]!.GetValue<string>(), Is.EqualTo("aino"));
        Assert.That(into["otherCaseId"]!.GetValue<string>(), Is.EqualTo(second.ToString()));
        Assert.That(into["text"]!.GetValue<string>(), Is.EqualTo("a reminder about the same kettle"));
        Assert.That(kept["case"]!["status"]!.GetValue<string>(), Is.EqualTo("awaiting_agent"), "the case merged into is worked as before");
        Assert.That((await admin.GetFromJsonAsync<JsonArray>("/api/audit?action=case.merged"))!, Has.Count.EqualTo(1));
        Assert.That((await aino.PostAsJsonAsync($"/api/cases/{second}/merge", new { into = first, reason = "again" })).StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "once closed, it stays so");
    }

    [Test]
    public async Task Two_records_of_one_person_become_one_with_nothing_lost_but_never_two_back_office_customers()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");
        using var aino = await factory.ClientAsync("aino", "agent");
        var (_, onInstagram) = await CaseAsync(factory, admin, "p-1", "kalle_k", "Where is my parcel?");
        var (_, alsoInstagram) = await CaseAsync(factory, admin, "p-2", "kalle_k", "Still no parcel");
        Assert.That(alsoInstagram, Is.EqualTo(onInstagram));
        await CaseAsync(factory, admin, "p-3", "kalle.korhonen", "Parcel missing again");
        await admin.PutAsJsonAsync("/api/customers/C-1", new { name = "Kalle Korhonen", purchases = new[] { new { orderNumber = "SO-1", amount = 10.0, purchasedAt = DateTimeOffset.UtcNow.AddDays(-1) } }, identities = new[] { new { platform = "instagram", handle = "kalle.korhonen" } } });
        await admin.PutAsJsonAsync("/api/customers/C-2", new { name = "Kalle Other", identities = new[] { new { platform = "instagram", handle = "kalle_k" } } });

        Guid Known(string handle)
        {
            using var scope = factory.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<CrmDbContext>().SocialIdentities.Where(i => i.Handle == handle).Select(i => i.CustomerId).Single();
        }
        var first = Known("kalle.korhonen");
        var second = Known("kalle_k");
        var refused = await aino.PostAsJsonAsync($"/api/customers/{second}/merge", new { into = first, reason = "same name" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("the back office says these are different customers (C-2 and C-1)"));

        // A record the back office does not know: it goes into the one it knows, whichever was named first.
        var (_, stranger) = await CaseAsync(factory, admin, "p-4", "kk_private", "DM: it's Kalle, my other account");
        int Count(Guid id)
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            return db.Signals.Count(s => s.CustomerId == id) + db.Cases.Count(c => c.CustomerId == id) + db.SocialIdentities.Count(i => i.CustomerId == id) + db.Purchases.Count(p => p.CustomerId == id);
        }
        var before = Count(first) + Count(stranger);
        var merged = await aino.PostAsJsonAsync($"/api/customers/{first}/merge", new { into = stranger, reason = "he said so in a DM" });
        Assert.That(merged.StatusCode, Is.EqualTo(HttpStatusCode.OK), await merged.Content.ReadAsStringAsync());
        Assert.That((await merged.Content.ReadFromJsonAsync<JsonObject>())!["customerId"]!.GetValue<string>(), Is.EqualTo(first.ToString()), "the back office's record stays");
        Assert.That(Count(first), Is.EqualTo(before), "every post, case, account and order moved");
        Assert.That(Count(stranger), Is.Zero);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            Assert.That(await db.Customers.Where(c => c.Id == stranger).Select(c => c.MergedIntoId).SingleAsync(), Is.EqualTo(first));
            var said = await db.Interactions.Where(i => i.CustomerId == first && i.Kind == "customers_merged").Select(i => i.Detail).SingleAsync();
            Assert.That(said, Does.StartWith("aino merged the customer record").And.EndWith(": he said so in a DM"));
        }
        Assert.That((await admin.GetFromJsonAsync<JsonArray>("/api/audit?action=customer.merged"))!, Has.Count.EqualTo(1));
        Assert.That((await aino.PostAsJsonAsync($"/api/customers/{stranger}/merge", new { into = first, reason = "again" })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "merged already");
    }
}
