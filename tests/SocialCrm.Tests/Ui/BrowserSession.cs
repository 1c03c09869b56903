using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SocialCrm.Tests.Api;
using static Microsoft.Playwright.Assertions;

namespace SocialCrm.Tests.Ui;

/// <summary>The real web server on Kestrel and Debian's Chromium driven by Playwright; skips (or fails in CI) without Chromium.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static async Task<BrowserSession> StartAsync(ApiFactory factory)
    {
        if (!File.Exists(Chromium))
        {
            var reason = $"Chromium is not installed at {Chromium} (apt-get install chromium)";
            if (Environment.GetEnvironmentVariable("SOCIALCRM_REQUIRE_SERVERS") == "1") Assert.Fail(reason);
            Assert.Ignore(reason);
        }
        factory.UseKestrel(0);
        factory.StartServer();
        var session = new BrowserSession { BaseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() };
        session._playwright = await Playwright.CreateAsync();
        session.Browser = await session._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return session;
    }

    /// <summary>A fresh browser (own cookies) signed in through the sign-in form, on the page asked for.</summary>
    public async Task<IPage> SignInAsync(string user, string password, string path)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            TimezoneId = "Europe/Helsinki", ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/signin?returnUrl={Uri.EscapeDataString(path)}");
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#signin");
        await Expect(page.Locator("#signed-in-as")).ToContainTextAsync(user, new() { Timeout = 20_000 });
        return page;
    }

    public static async Task ShotAsync(IPage page, string name)
    {
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, name);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
