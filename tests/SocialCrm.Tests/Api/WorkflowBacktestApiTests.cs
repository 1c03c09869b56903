using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;

namespace SocialCrm.Tests.Api;

/// <summary>Issue 12: a backtest replays stored signals through a version and reports exactly what it would change, writing nothing.</summary>
public class WorkflowBacktestApiTests
{
    [Test]
    public async Task A_backtest_of_a_lower_vip_threshold_reports_exactly_the_cases_whose_queue_moves_and_writes_nothing()
    {
        using var factory = new ApiFactory().With("SocialCrm:Workflow:AutoAgent", "true");
        using var admin = await factory.EveryRoleClientAsync();
        string[] texts = ["Where is my parcel?", "Your app keeps crashing, this is awful", "Thanks, great service!", "Can I change my plan?",
            "Worst support ever, I want a refund", "Love the new store", "How do I reset my password?", "My invoice is wrong again",
            "Nice.", "Do you ship to Finland?", "Still waiting for an answer!!", "Brilliant help from your team yesterday"];
        for (var i = 0; i < texts.Length; i++)
            Assert.That((await admin.PostAsJsonAsync("/api/signals", new { platform = i % 2 == 0 ? "x" : "facebook", postId = $"bt-{i}", authorHandle = $"customer{i}", text = texts[i], postedAt = DateTimeOffset.UtcNow })).StatusCode,
                Is.EqualTo(HttpStatusCode.Accepted));
        List<(Guid Id, string Queue, double Value, string Decision)> cases = [];
        for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            if (await db.Cases.CountAsync(c => c.Status == CaseStatus.Measured) < texts.Length || await db.OutboxMessages.AnyAsync(m => m.SentAt == null)) continue;
            cases = [.. (await db.Cases.Join(db.CaseBriefs, c => c.Id, b => b.CaseId, (c, b) => new { c.Id, c.Queue, b.ValueScore, c.Decision }).ToListAsync())
                .Select(c => (c.Id, c.Queue, c.ValueScore, c.Decision))];
            break;
        }
        Assert.That(cases, Has.Count.EqualTo(texts.Length), "every signal measured before the backtest");

        // The version that decided them, replayed, decides the same: the replay is faithful.
        var same = await BacktestAsync(admin, 1);
        Assert.Multiple(() =>
        {
            Assert.That((int)same["compared"]!, Is.EqualTo(texts.Length));
            Assert.That((int)same["changed"]!, Is.Zero, same["cases"]!.ToJsonString());
        });

        // A draft with a lower VIP threshold: the cases at or above it that were not in the vip queue move there, and only those.
        var values = cases.Select(c => c.Value).Distinct().Order().ToList();
        var threshold = values.Count > 1 ? values[values.Count / 2] : 0;
        var analyse = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "analyse.json"));
        var draft = await admin.PutAsync("/api/workflows/analyse/draft", new StringContent(
            analyse.Replace("\"vipValue\": \"settings.vipValue\"", $"\"vipValue\": {threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}"), Encoding.UTF8, "application/json"));
        var version = (int)(await draft.Content.ReadFromJsonAsync<JsonObject>())!["version"]!;
        var expected = cases.Where(c => c.Value >= threshold && c.Queue != "vip").Select(c => c.Id.ToString()).Order().ToList();
        Assert.That(expected, Is.Not.Empty, "the threshold moves some cases");

        var before = await RowCountsAsync(factory);
        var result = await BacktestAsync(admin, version);
        var after = await RowCountsAsync(factory);

        var changed = result["cases"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That((int)result["compared"]!, Is.EqualTo(texts.Length));
            Assert.That((int)result["changed"]!, Is.EqualTo(expected.Count));
            Assert.That(changed.Select(c => (string)c!["caseId"]!).Order(), Is.EqualTo(expected));
            Assert.That(changed.Select(c => (string)c!["after"]!["queue"]!), Is.All.EqualTo("vip"));
            Assert.That(changed.Select(c => (string)c!["before"]!["decision"]! == (string)c!["after"]!["decision"]!), Is.All.True, "only the queue moves");
            Assert.That(changed.Select(c => c!["outcome"]), Is.All.Not.Null, "measured cases come with their outcome");
            Assert.That((int)result["byQueue"]!["vip"]!["after"]! - (int)(result["byQueue"]!["vip"]?["before"] ?? 0), Is.EqualTo(expected.Count));
            Assert.That(after, Is.EqualTo(before), "a backtest writes nothing");
        });
    }

    [Test]
    public async Task Only_the_analyse_workflow_can_be_backtested_and_the_size_is_checked()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");
        var listen = await admin.PostAsJsonAsync("/api/workflows/listen/versions/1/backtest", new { signals = 10 });
        Assert.That(listen.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await listen.Content.ReadAsStringAsync(), Does.Contain("analyse stage's decisions"));
        var huge = await admin.PostAsJsonAsync("/api/workflows/analyse/versions/1/backtest", new { signals = 10_000_000 });
        Assert.That(huge.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await admin.PostAsJsonAsync("/api/workflows/analyse/versions/99/backtest", new { signals = 10 })).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var empty = await BacktestAsync(admin, 1);
        Assert.That((int)empty["compared"]!, Is.Zero, "no signal analysed yet: nothing to compare, not an error");
    }

    private static async Task<JsonObject> BacktestAsync(HttpClient admin, int version)
    {
        var answer = await admin.PostAsJsonAsync($"/api/workflows/analyse/versions/{version}/backtest", new { signals = 100 });
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The number of rows in every table of the store.</summary>
    private static async Task<Dictionary<string, int>> RowCountsAsync(ApiFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var counts = new Dictionary<string, int>();
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct())
        {
            // The table names come from the model, not from input.
            var sql = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"";
            counts[table] = await db.Database.SqlQueryRaw<int>(sql).SingleAsync();
        }
        return counts;
    }
}
