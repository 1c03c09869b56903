using Microsoft.Playwright;
using SocialCrm.Tests.Api;
using SocialCrm.Tests.Insights;
using static Microsoft.Playwright.Assertions;

namespace SocialCrm.Tests.Ui;

/// <summary>An analyst sees what customers talk about, and a spike alert raised within minutes of a simulated wave's start.</summary>
public class InsightsPageTests
{
    [Test]
    public async Task An_analyst_sees_the_topics_drills_into_one_and_acknowledges_the_alert_a_simulated_wave_raised()
    {
        // Two days of everyday posts in the store; the simulator adds only a wave about the leaking AeroBlend 3000,
        // 30 posts a minute from its start; topics recomputed every 15 s and checked every 6 s.
        using var factory = new ApiFactory()
            .With("SocialCrm:Simulation:Enabled", "true").With("SocialCrm:Simulation:SignalsPerMinute", "0").With("SocialCrm:Simulation:Agents", "false")
            .With("SocialCrm:Simulation:Wave", "defect").With("SocialCrm:Simulation:WaveAfterMinutes", "0.5").With("SocialCrm:Simulation:WaveMinutes", "10")
            .With("SocialCrm:Simulation:WavePostsPerMinute", "30")
            .With("SocialCrm:Insights:RecomputeMinutes", "0.25").With("SocialCrm:Insights:CheckMinutes", "0.1");
        await using var session = await BrowserSession.StartAsync(factory);
        var waveStart = DateTime.UtcNow.AddMinutes(0.5);
        await TopicPosts.SeedAsync(factory.Services, DateTime.UtcNow, wave: false);

        var (user, password) = await factory.UserAsync("insight-analyst", "analyst");
        var page = await session.SignInAsync(user, password, "/insights");
        await Expect(page.Locator("#topics")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("#no-alerts")).ToBeVisibleAsync();
        await BrowserSession.ShotAsync(page, "insights-quiet");

        // The alert reaches the header of any page within minutes of the wave's start.
        await page.GotoAsync(session.BaseUrl + "/");
        var badge = page.Locator("#alert-badge");
        await Expect(badge).ToContainTextAsync("1 topic alert", new() { Timeout = 180_000 });
        var raisedAfter = DateTime.UtcNow - waveStart;
        TestContext.Out.WriteLine($"alert in the header {raisedAfter.TotalSeconds:0} s after the wave's start");
        Assert.That(raisedAfter, Is.LessThan(TimeSpan.FromMinutes(3)));

        await badge.ClickAsync();
        var alert = page.Locator(".alert-row").First;
        await Expect(alert).ToContainTextAsync("volume spike", new() { Timeout = 20_000 });
        await Expect(alert).ToContainTextAsync("expected from the last 24 hours");
        await BrowserSession.ShotAsync(page, "insights-alert");
        await Expect(page.Locator("#chart-volume")).ToContainTextAsync("posts per day");
        await Expect(page.Locator("#chart-sentiment")).ToContainTextAsync("negative posts (%)");
        var row = page.Locator("#topics tbody tr", new() { HasText = "AeroBlend 3000" });
        await Expect(row).ToContainTextAsync("open alert");
        await BrowserSession.ShotAsync(page, "insights-alert");

        // The alert's posts, then the topic's.
        await alert.GetByRole(AriaRole.Button, new() { Name = "Posts" }).ClickAsync();
        await Expect(page.Locator("#drill-title")).ToContainTextAsync("Posts about");
        await Expect(page.Locator("#drill")).ToContainTextAsync("AeroBlend 3000");
        await row.Locator(".topic-name").ClickAsync();
        await Expect(page.Locator("#drill")).ToContainTextAsync("AeroBlend 3000");
        await BrowserSession.ShotAsync(page, "insights-drill");

        await alert.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Expect(alert).ToContainTextAsync("acknowledged by insight-analyst");
        await Expect(page.Locator("#alert-badge")).ToHaveCountAsync(0, new() { Timeout = 30_000 });

        // An admin names the topic; the name is shown, with what was found beside it.
        var (adminUser, adminPassword) = await factory.UserAsync("insight-admin", "admin");
        var admin = await session.SignInAsync(adminUser, adminPassword, "/insights");
        var adminRow = admin.Locator("#topics tbody tr", new() { HasText = "AeroBlend 3000" });
        await adminRow.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await admin.FillAsync("input[name=topic-name]", "AeroBlend 3000 leaks");
        await admin.ClickAsync("#save-name");
        await Expect(admin.Locator("#insights-message")).ToContainTextAsync("changed");
        await Expect(admin.Locator("#topics tbody tr", new() { HasText = "AeroBlend 3000 leaks" })).ToContainTextAsync("found as:");
        await Expect(admin.Locator("#webhook")).ToContainTextAsync("Send alerts to a webhook");
        await BrowserSession.ShotAsync(admin, "insights-admin");
    }

    [Test]
    public async Task An_empty_store_says_what_to_do_and_an_admin_is_told_alerts_need_a_signing_key()
    {
        using var factory = new ApiFactory();
        await using var session = await BrowserSession.StartAsync(factory);
        var (user, password) = await factory.UserAsync("empty-admin", "admin");
        var page = await session.SignInAsync(user, password, "/insights");
        await Expect(page.Locator("#insights-empty")).ToContainTextAsync("No topics in this range");
        await Expect(page.Locator("#insights-empty")).ToContainTextAsync("Recompute now");
        await Expect(page.Locator("#no-alerts")).ToBeVisibleAsync();
        await Expect(page.Locator("#webhook")).ToContainTextAsync("set SocialCrm:Insights:AlertWebhookSecret");
        await BrowserSession.ShotAsync(page, "insights-empty-admin");

        var (analyst, analystPassword) = await factory.UserAsync("empty-analyst", "analyst");
        var analystPage = await session.SignInAsync(analyst, analystPassword, "/insights");
        await Expect(analystPage.Locator("#insights-empty")).ToContainTextAsync("No topics in this range");
        await Expect(analystPage.Locator("#webhook")).ToHaveCountAsync(0);
        await Expect(analystPage.Locator("#recompute")).ToHaveCountAsync(0);
        await BrowserSession.ShotAsync(analystPage, "insights-empty-analyst");
    }
}
