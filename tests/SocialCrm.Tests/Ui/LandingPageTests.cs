using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SocialCrm.Tests.Api;
using static Microsoft.Playwright.Assertions;

namespace SocialCrm.Tests.Ui;

/// <summary>The landing page in a real browser (Debian's Chromium) against the real web server.</summary>
public class LandingPageTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Test]
    public async Task Shows_live_counts_per_stage_the_brief_in_the_inbox_and_links_the_api_document()
    {
        if (!File.Exists(Chromium))
        {
            var reason = $"Chromium is not installed at {Chromium} (apt-get install chromium)";
            if (Environment.GetEnvironmentVariable("SOCIALCRM_REQUIRE_SERVERS") == "1") Assert.Fail(reason);
            Assert.Ignore(reason);
        }
        using var factory = new ApiFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var posted = await http.PostAsJsonAsync("/api/signals", new
        {
            platform = "instagram", postId = "ui-1", authorHandle = "mika", authorName = "Mika", postedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            text = "Tilaus on ollut myöhässä kaksi viikkoa, surkea palvelu!",
        });
        Assert.That((int)posted.StatusCode, Is.EqualTo(202));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(baseUrl);

        await Expect(page.Locator("#count-accepted")).ToHaveTextAsync("1", new() { Timeout = 20_000 });
        await Expect(page.Locator("#count-briefs")).ToHaveTextAsync("1", new() { Timeout = 20_000 });
        await Expect(page.Locator("#count-awaiting")).ToHaveTextAsync("1", new() { Timeout = 20_000 });
        var inboxRow = page.Locator("#inbox tbody tr");
        await Expect(inboxRow).ToHaveCountAsync(1);
        await Expect(inboxRow).ToContainTextAsync("complaint on instagram");
        await Expect(inboxRow).ToContainTextAsync("complaints");
        await Expect(inboxRow).ToContainTextAsync("value 0."); // each score shown with its reasons
        await Expect(page.Locator("#api-doc")).ToHaveAttributeAsync("href", "/openapi/v1.json");
        var models = page.Locator("#models tbody tr");
        await Expect(models).ToHaveCountAsync(4);
        await Expect(models.Nth(1)).ToContainTextAsync("baseline-keywords-1");
        // A store with no trained model says what makes one.
        await Expect(models.Nth(2)).ToContainTextAsync("socialcrm train outcomes makes a trained version once cases are measured");

        var shot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "landing-page.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        TestContext.AddTestAttachment(shot, "the landing page");
    }
}
