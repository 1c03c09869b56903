using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Tests.Api;

namespace SocialCrm.Tests.Workplace;

/// <summary>
/// GDPR: an admin exports everything held about a customer as one JSON document, and erases a customer so that no text
/// column of any table holds their name, handles, e-mail, order numbers or post texts any more, while the anonymous
/// cases, metrics and aggregates stay; a later post by the same handle starts a new, unlinked customer.
/// </summary>
public class CustomerPrivacyTests
{
    private static readonly string[] Personal = ["Ritva", "Erasmussen", "ritva_e", "ritva@example.com", "ORD-99177", "Kuusikatu", "551177", "Hirvikoski", "BO-77"];

    [Test]
    public async Task An_admin_exports_a_customer_then_erases_them_everywhere_and_only_anonymous_figures_stay()
    {
        using var factory = new ApiFactory().With("SocialCrm:Workflow:AutoAgent", "true").With("SocialCrm:Workflow:OutcomeWindowSeconds", "4");
        using var admin = await factory.ClientAsync("tuula", "admin");
        Assert.That((await admin.PutAsJsonAsync("/api/customers/BO-77", new
        {
            name = "Ritva Erasmussen", email = "ritva@example.com",
            purchases = new[] { new { orderNumber = "ORD-99177", amount = 89.5, purchasedAt = DateTimeOffset.UtcNow.AddDays(-3) } },
            consent = new { connect = new { given = true, at = DateTimeOffset.UtcNow.AddDays(-30), source = "loyalty form" } },
            identities = new[] { new { platform = "x", userId = "551177", handle = "ritva_e" } },
        })).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var customerId = (await admin.GetFromJsonAsync<JsonObject>("/api/customers/BO-77"))!["customerId"]!.GetValue<Guid>();
        foreach (var (post, text) in new[] { ("r-1", "Ritva here: parcel ORD-99177 never came to Kuusikatu 5"), ("r-2", "Still waiting, Ritva Erasmussen, Hirvikoski") })
            Assert.That((await admin.PostAsJsonAsync("/api/signals", new { platform = "x", postId = post, authorHandle = "ritva_e", authorName = "Ritva Erasmussen", text, postedAt = DateTimeOffset.UtcNow })).StatusCode,
                Is.EqualTo(HttpStatusCode.Accepted));

        // While a case is still being worked (here: waiting 4 s for the customer's follow-ups), erasure waits for it, saying why.
        await EventuallyAsync(factory, async db => await db.Cases.CountAsync(c => c.CustomerId == customerId) == 2);
        var early = await admin.PostAsJsonAsync($"/api/customers/{customerId}/erase", new { reason = "request by e-mail" });
        Assert.That(early.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await early.Content.ReadAsStringAsync(), Does.Contain("still open"));
        await EventuallyAsync(factory, async db => await db.Cases.CountAsync(c => c.Status == CaseStatus.Measured) == 2);

        var export = await admin.GetAsync($"/api/customers/{customerId}/export");
        Assert.That(export.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var document = (await export.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Multiple(() =>
        {
            Assert.That(document["customer"]!["email"]!.GetValue<string>(), Is.EqualTo("ritva@example.com"));
            Assert.That(document["posts"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(document["cases"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(document["purchases"]!.ToJsonString(), Does.Contain("ORD-99177"));
            Assert.That(document["messagesSent"]!.AsArray(), Is.Not.Empty);
            Assert.That(document["workflowRuns"]!.AsArray(), Is.Not.Empty);
            Assert.That(export.Content.Headers.ContentDisposition?.FileName, Does.Contain(customerId.ToString()));
        });
        // An agent's free text about the customer in the audit trail, as the ignore action writes it.
        using (var scope = factory.Services.CreateScope())
        {
            var caseId = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Cases.Where(c => c.CustomerId == customerId).Select(c => c.Id).FirstAsync();
            await scope.ServiceProvider.GetRequiredService<SocialCrm.Stages.Workplace.AuditLog>()
                .WriteAsync("aki", SocialCrm.Domain.Audit.AuditActions.CaseActed, caseId.ToString(), "ignored: Ritva Erasmussen already called us about ORD-99177", default);
        }
        Assert.That(Leaks(factory), Is.Not.Empty, "before erasure the scan finds the customer: the scan can fail");
        Assert.That(Leaks(factory), Has.Some.StartsWith("AuditEntries.Target").And.Some.StartsWith("AuditEntries.Detail"));
        Assert.That(OnDisk(factory), Is.Not.Empty, "before erasure the raw files hold the customer: that scan can fail too");

        using var agent = await factory.ClientAsync("aki", "agent");
        Assert.That((await agent.PostAsJsonAsync($"/api/customers/{customerId}/erase", new { })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "admins only");
        var erased = await admin.PostAsJsonAsync($"/api/customers/{customerId}/erase", new { reason = "request by e-mail 2026-11-25" });
        Assert.That(erased.StatusCode, Is.EqualTo(HttpStatusCode.OK), await erased.Content.ReadAsStringAsync());

        Assert.That(Leaks(factory), Is.Empty, "no text column of any table, the audit trail's included, holds the customer's personal data");
        Assert.That(OnDisk(factory), Is.Empty, "nor do the database file's free pages or its write-ahead log");
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            Assert.Multiple(async () =>
            {
                Assert.That(await db.Cases.CountAsync(), Is.EqualTo(2), "the cases stay, anonymous");
                Assert.That(await db.CaseMetrics.CountAsync(), Is.EqualTo(2));
                Assert.That(await db.DailyAggregates.SumAsync(a => a.Cases), Is.EqualTo(2), "aggregates keep their counts");
                Assert.That((await db.Customers.SingleAsync(c => c.Id == customerId)).ErasedAt, Is.Not.Null);
                Assert.That(await db.AuditEntries.AnyAsync(a => a.Action == "customer.erased" && a.Actor == "tuula" && a.Target == customerId.ToString()), Is.True);
            });
        }

        // The same handle posts again: a new customer, linked to nothing the back office said.
        await admin.PostAsJsonAsync("/api/signals", new { platform = "x", postId = "r-3", authorHandle = "ritva_e", text = "hello again", postedAt = DateTimeOffset.UtcNow });
        await EventuallyAsync(factory, async db => await db.Cases.CountAsync() == 3);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var newcomer = await db.Cases.Where(c => db.Signals.Any(s => s.Id == c.SignalId && s.PlatformPostId == "r-3")).Select(c => c.CustomerId).SingleAsync();
            var record = await db.Customers.SingleAsync(c => c.Id == newcomer);
            Assert.That((newcomer, record.ExternalId, record.ConsentToConnect), Is.EqualTo((newcomer, (string?)null, false)));
            Assert.That(newcomer, Is.Not.EqualTo(customerId));
        }
    }

    /// <summary>Every text column of every table, searched for every piece of the customer's personal data.</summary>
    private static List<string> Leaks(ApiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var connection = db.Database.GetDbConnection();
        connection.Open();
        var found = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null))
        {
            var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var column in entity.GetProperties().Where(p => p.ClrType == typeof(string)).Select(p => p.GetColumnName(table)).OfType<string>().Distinct())
                foreach (var value in Personal)
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT COUNT(*) FROM \"{table.Name}\" WHERE instr(lower(\"{column}\"), lower($value)) > 0";
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = "$value";
                    parameter.Value = value;
                    command.Parameters.Add(parameter);
                    if (Convert.ToInt32(command.ExecuteScalar()) > 0) found.Add($"{table.Name}.{column} holds '{value}'");
                }
        }
        return found;
    }

    /// <summary>The raw bytes of the SQLite file and its write-ahead log, searched for every piece of the customer's personal data.</summary>
    private static List<string> OnDisk(ApiFactory factory)
    {
        var found = new List<string>();
        foreach (var file in Directory.GetFiles(factory.Folder, "api.db*"))
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }
            foreach (var value in Personal)
            {
                var needle = System.Text.Encoding.UTF8.GetBytes(value);
                var count = 0;
                for (var rest = bytes.AsSpan(); rest.IndexOf(needle) is var i and >= 0; rest = rest[(i + needle.Length)..]) count++;
                if (count > 0) found.Add($"{Path.GetFileName(file)} holds '{value}' {count} time(s)");
            }
        }
        return found;
    }

    [Test]
    public void The_store_folder_and_file_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows()) { Assert.Ignore("Unix file modes"); return; }
        using var factory = new ApiFactory();
        _ = factory.Services; // starts the host, which makes the store
        var folder = new DirectoryInfo(factory.Folder);
        Assert.That(File.GetUnixFileMode(Path.Combine(factory.Folder, "api.db")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        foreach (var file in folder.GetFiles("api.db-*"))
            Assert.That(file.UnixFileMode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), file.Name);
        Assert.That(File.GetUnixFileMode(Path.Combine(factory.Folder, "dataprotection.pfx")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    private static async Task EventuallyAsync(ApiFactory factory, Func<CrmDbContext, Task<bool>> condition)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            using var scope = factory.Services.CreateScope();
            if (await condition(scope.ServiceProvider.GetRequiredService<CrmDbContext>())) return;
        }
        Assert.Fail("the pipeline did not get there in 60 s");
    }
}
