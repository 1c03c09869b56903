using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SocialCrm.Tests.Api;
using SocialCrm.Tests.Workplace;
using static Microsoft.Playwright.Assertions;

namespace SocialCrm.Tests.Ui;

/// <summary>An analyst in the browser: reads the report, filters it, drills down to a case, downloads the CSV.</summary>
public class AnalystReportTests
{
    [Test]
    public async Task An_analyst_filters_the_report_drills_down_to_a_case_and_downloads_a_csv_whose_rows_match()
    {
        using var factory = new ApiFactory().With("SocialCrm:Workflow:AutoAgent", "true");
        await using var session = await BrowserSession.StartAsync(factory);
        await ReportApiTests.SeedMeasuredCasesAsync(factory, 6);
        var (analyst, password) = await factory.UserAsync("ana", "analyst");
        using var api = await factory.ClientAsync("ana-api", "analyst");
        var onX = (await api.GetFromJsonAsync<JsonObject>("/api/reports/measure?platform=x"))!["total"]!;

        var page = await session.SignInAsync(analyst, password, "/reports");
        await Expect(page.Locator("#figure-cases .figure-value")).ToHaveTextAsync("6", new() { Timeout = 20_000 });
        await Expect(page.Locator("#chart-cases")).ToContainTextAsync("cases"); // the axis says what it counts

        // Filter by platform: the figures follow.
        await page.Locator(".rz-form-field", new() { HasText = "Platform" }).Locator(".rz-dropdown").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "x", Exact = true }).ClickAsync();
        await Expect(page.Locator("#figure-cases .figure-value")).ToHaveTextAsync(onX["cases"]!.ToString());
        await Expect(page.Locator("#figure-replied .figure-value")).ToHaveTextAsync(onX["replied"]!.ToString());
        await BrowserSession.ShotAsync(page, "report-filtered");

        // Drill down from a figure to its cases, and from a case to its view.
        await page.ClickAsync("#figure-replied");
        var drillRows = page.Locator("#drill tbody tr");
        await Expect(drillRows).ToHaveCountAsync(onX["replied"]!.GetValue<int>());
        await BrowserSession.ShotAsync(page, "report-drill-down");

        // The CSV of what the screen shows (the filtered report).
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#csv"));
        var file = Path.Combine(factory.Folder, "report.csv");
        await download.SaveAsAsync(file);
        var lines = (await File.ReadAllLinesAsync(file)).Where(l => l.Length > 0).ToList();
        Assert.That(lines[0], Does.StartWith("caseId,"));
        Assert.That(lines.Count - 1, Is.EqualTo(onX["cases"]!.GetValue<int>()), "one row per case the filtered report counts");
        Assert.That(lines.Skip(1).All(l => l.Split(',')[3] == "x"), "only the platform filtered on");

        await drillRows.First.Locator("a").ClickAsync();
        await Expect(page.Locator("#customer-card")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.Locator("#outcome")).ToBeVisibleAsync();
        await Expect(page.Locator("#reply-panel")).ToHaveCountAsync(0, new() { Timeout = 1_000 });
    }
}
