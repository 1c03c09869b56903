using SocialCrm.Tests.Api;
using static Microsoft.Playwright.Assertions;

namespace SocialCrm.Tests.Ui;

/// <summary>The second week's screens on a store with nothing in it yet, as an analyst and as an admin: each says what to do.</summary>
public class CaseworkEmptyTests
{
    [Test]
    public async Task Empty_bell_search_macros_and_agents_say_what_to_do()
    {
        using var factory = new ApiFactory();
        await using var session = await BrowserSession.StartAsync(factory);
        var (ana, anaPassword) = await factory.UserAsync("ana", "analyst");
        var page = await session.SignInAsync(ana, anaPassword, "/search?q=nothing-here");
        await Expect(page.Locator("#search-empty")).ToContainTextAsync("Nothing matches every word");
        await page.ClickAsync("#notification-bell");
        await Expect(page.Locator("#notification-panel")).ToContainTextAsync("Nothing yet");
        await Expect(page.Locator(".availability")).ToHaveCountAsync(0); // analysts take no cases
        await BrowserSession.ShotAsync(page, "empty-search-and-bell-analyst");

        var (root, rootPassword) = await factory.UserAsync("root", "admin");
        var admin = await session.SignInAsync(root, rootPassword, "/admin/macros");
        await Expect(admin.Locator("#no-macros")).ToContainTextAsync("No macros yet");
        await BrowserSession.ShotAsync(admin, "empty-macros");
        await admin.FillAsync("#macro-name", "Refund asked");
        await admin.FillAsync("#macro-tags", "refund");
        await admin.ClickAsync("#save-macro");
        await Expect(admin.Locator("#macros")).ToContainTextAsync("tags refund");
        await BrowserSession.ShotAsync(admin, "macros");
        await admin.GotoAsync(session.BaseUrl + "/admin/agents");
        await Expect(admin.Locator("#queues")).ToContainTextAsync("around the clock");
        await BrowserSession.ShotAsync(admin, "agents-empty-store");
    }
}
