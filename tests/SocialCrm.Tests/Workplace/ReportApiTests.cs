using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SocialCrm.Tests.Api;

namespace SocialCrm.Tests.Workplace;

/// <summary>The analysts' report over the API: filters, drill-down rows, and a CSV export whose totals are the report's.</summary>
public class ReportApiTests
{
    private ApiFactory _factory = null!;
    private HttpClient _analyst = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        // Agents act on every brief at once and outcomes wait 1 s, so cases reach measure quickly.
        _factory = new ApiFactory().With("SocialCrm:Workflow:AutoAgent", "true");
        _analyst = await _factory.ClientAsync("ana", "analyst");
        await SeedMeasuredCasesAsync(_factory, 8);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _analyst.Dispose();
        _factory.Dispose();
    }

    /// <summary>Posts signals on two platforms and waits until all of them are measured.</summary>
    public static async Task SeedMeasuredCasesAsync(ApiFactory factory, int count)
    {
        using var admin = await factory.ClientAsync("seeder", "admin", "analyst");
        string[] texts = ["Still waiting for my order, terrible!", "How do I change my delivery address?", "Love the new app, great work", "My parcel arrived broken, I want a refund"];
        for (var i = 0; i < count; i++)
        {
            var posted = await admin.PostAsJsonAsync("/api/signals", new
            {
                platform = i % 2 == 0 ? "x" : "facebook", postId = $"report-{i}", authorHandle = $"customer{i}", authorName = $"Customer {i}",
                authorFollowers = 100 * (i + 1), postedAt = DateTimeOffset.UtcNow.AddMinutes(-5), text = texts[i % texts.Length],
            });
            Assert.That((int)posted.StatusCode, Is.EqualTo(202));
        }
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var report = (await admin.GetFromJsonAsync<JsonObject>("/api/reports/measure"))!;
            if (report["total"]!["cases"]!.GetValue<int>() >= count) return;
            await Task.Delay(200);
        }
        Assert.Fail($"the {count} cases were not all measured in 60 s");
    }

    [TestCase("")]
    [TestCase("platform=x")]
    [TestCase("replyKind=standard")]
    [TestCase("valueTier=low")]
    [TestCase("platform=facebook&metric=replied")]
    public async Task The_csv_export_has_the_rows_the_report_counts(string filters)
    {
        var report = (await _analyst.GetFromJsonAsync<JsonObject>($"/api/reports/measure?{filters}"))!["total"]!;
        var csv = await _analyst.GetAsync($"/api/reports/cases.csv?{filters}");
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(csv.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        Assert.That(header, Does.Contain("caseId").And.Contain("slaMet").And.Contain("revenueAfter"));
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        string Field(string[] row, string column) => row[Array.IndexOf(header, column)];
        var drill = (await _analyst.GetFromJsonAsync<JsonArray>($"/api/reports/cases?{filters}"))!;

        Assert.Multiple(() =>
        {
            if (!filters.Contains("metric")) Assert.That(rows, Has.Count.EqualTo(report["cases"]!.GetValue<int>()), "one row per case the report counts");
            else Assert.That(rows, Has.Count.EqualTo(report["replied"]!.GetValue<int>()), "a drill-down export has the cases behind the figure");
            Assert.That(drill, Has.Count.EqualTo(rows.Count), "the drill-down and the export list the same cases");
            if (filters.Contains("metric")) return;
            Assert.That(rows.Count(r => Field(r, "slaMet") == "true"), Is.EqualTo(report["slaMet"]!.GetValue<int>()));
            Assert.That(rows.Count(r => Field(r, "action") == "replied"), Is.EqualTo(report["replied"]!.GetValue<int>()));
            Assert.That(rows.Count(r => Field(r, "connection") != "none"), Is.EqualTo(report["connectionsSent"]!.GetValue<int>()));
            Assert.That(rows.Count(r => Field(r, "ladderBefore") != Field(r, "ladderAfter")), Is.EqualTo(report["ladderMoves"]!.GetValue<int>()));
            Assert.That(rows.Sum(r => double.Parse(Field(r, "revenueAfter"), CultureInfo.InvariantCulture)), Is.EqualTo(report["revenueAfter"]!.GetValue<double>()).Within(0.01));
            if (filters.StartsWith("platform=")) Assert.That(rows.All(r => Field(r, "platform") == filters["platform=".Length..]));
        });
        if (filters == "") Assert.That(rows, Has.Count.EqualTo(8));
    }

    [Test]
    public async Task An_empty_range_says_so_and_bad_filters_are_refused_in_words()
    {
        var empty = (await _analyst.GetFromJsonAsync<JsonObject>("/api/reports/measure?from=2020-01-01&to=2020-01-31"))!["total"]!;
        Assert.That(empty["cases"]!.GetValue<int>(), Is.Zero);
        Assert.That(empty["slaMetRate"], Is.Null, "no SLA figure for no cases, not 0 %");

        var badDate = await _analyst.GetAsync("/api/reports/cases.csv?from=25.11.2026");
        Assert.That(badDate.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await badDate.Content.ReadAsStringAsync(), Does.Contain("use yyyy-MM-dd"));
        var badTier = await _analyst.GetAsync("/api/reports/measure?valueTier=gold");
        Assert.That(badTier.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await badTier.Content.ReadAsStringAsync(), Does.Contain("'gold' is not one of low, medium, high"));
    }
}
