using System.Net.Http.Json;
using Microsoft.Playwright;
using SocialCrm.Tests.Api;
using static Microsoft.Playwright.Assertions;

namespace SocialCrm.Tests.Ui;

/// <summary>The second week in the browser: an available agent is given a case without claiming it, writes a note mentioning a colleague, who opens the case from the bell.</summary>
public class CaseworkConsoleTests
{
    [Test]
    public async Task An_available_agent_is_assigned_a_case_and_a_mentioned_colleague_opens_it_from_the_bell()
    {
        using var factory = new ApiFactory().With("SocialCrm:Assignment:IntervalSeconds", "0.5");
        await using var session = await BrowserSession.StartAsync(factory);
        using var admin = await factory.ClientAsync("root", "admin");
        var (aino, ainoPassword) = await factory.UserAsync("aino", "agent");
        var (eero, eeroPassword) = await factory.UserAsync("eero", "agent");

        var page = await session.SignInAsync(aino, ainoPassword, "/inbox");
        await Expect(page.Locator(".availability")).ToContainTextAsync("offline");
        await page.Locator(".availability .rz-dropdown").ClickAsync();
        await page.Locator(".rz-dropdown-item", new() { HasText = "available" }).First.ClickAsync();
        await Expect(page.Locator(".availability.available")).ToBeVisibleAsync();
        await Expect(page.Locator("#open-load")).ToHaveTextAsync("0 of 5 open");

        var posted = await admin.PostAsJsonAsync("/api/signals", new
        {
            platform = "instagram", postId = "assign-ui-1", authorHandle = "mika", authorName = "Mika Virtanen", postedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            text = "Still waiting for my order 55123, two weeks now. Terrible service!",
        });
        Assert.That((int)posted.StatusCode, Is.EqualTo(202));

        // Nobody claims it: it is hers, and the bell says so.
        await Expect(page.Locator("#notification-count")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await BrowserSession.ShotAsync(page, "assigned-bell");
        await page.ClickAsync("#notification-bell");
        await Expect(page.Locator("#notification-panel")).ToContainTextAsync("case in complaints was assigned to you");
        await BrowserSession.ShotAsync(page, "notification-panel");
        await page.Locator("#notification-panel .bell-item").First.ClickAsync();
        await Expect(page.Locator("#holder")).ToContainTextAsync("you hold this case");
        await Expect(page.Locator("#reply-panel")).ToBeVisibleAsync();
        await Expect(page.Locator("#team-timeline")).ToContainTextAsync("auto-assignment assigned it to you");
        await Expect(page.Locator("#open-load")).ToHaveTextAsync("1 of 5 open", new() { Timeout = 10_000 });
        var caseUrl = page.Url;

        await page.FillAsync("#note-text", "@eero can you check where order 55123 is? The warehouse says it left on Monday.");
        await page.ClickAsync("#add-note");
        await Expect(page.Locator("#note-notice")).ToContainTextAsync("eero notified");
        await Expect(page.Locator("#team-timeline .team-event.note")).ToContainTextAsync("can you check where order 55123 is?");
        await BrowserSession.ShotAsync(page, "case-with-note");

        // A macro in one step: the reply box gets its template's reply, the case its tags and priority.
        var macro = await admin.PostAsJsonAsync("/api/macros", new { name = "Late delivery", templateKey = "complaint-en", tags = new[] { "late-delivery" }, priority = 1 });
        Assert.That((int)macro.StatusCode, Is.EqualTo(201), await macro.Content.ReadAsStringAsync());
        await page.ReloadAsync();
        await page.Locator(".macro-row .rz-dropdown").ClickAsync();
        await page.Locator(".rz-dropdown-item", new() { HasText = "Late delivery" }).First.ClickAsync();
        await page.FillAsync("#reply-text", "");
        await page.ClickAsync("#apply-macro");
        await Expect(page.Locator("#note-notice")).ToContainTextAsync("Applied Late delivery");
        await Expect(page.Locator("#case-tags")).ToContainTextAsync("late-delivery");
        await Expect(page.Locator("#reply-text")).Not.ToHaveValueAsync("");
        await Expect(page.Locator(".case-head")).ToContainTextAsync("P1");
        await Expect(page.Locator("#team-timeline")).ToContainTextAsync("applied the macro Late delivery");
        await BrowserSession.ShotAsync(page, "macro-applied");

        var other = await session.SignInAsync(eero, eeroPassword, "/");
        await Expect(other.Locator("#notification-count")).ToHaveTextAsync("1", new() { Timeout = 15_000 });
        await other.ClickAsync("#notification-bell");
        var mention = other.Locator("#notification-panel .bell-item", new() { HasText = "aino mentioned you" });
        await Expect(mention).ToBeVisibleAsync();
        await mention.ClickAsync();
        await Expect(other).ToHaveURLAsync(caseUrl);
        await Expect(other.Locator("#team-timeline")).ToContainTextAsync("The warehouse says it left on Monday.");
        await Expect(other.Locator("#holder")).ToContainTextAsync("held by aino");
        await Expect(other.Locator("#notification-count")).ToHaveCountAsync(0);
        await BrowserSession.ShotAsync(other, "mentioned-colleague");

        // The colleague finds the customer by the order number the back office knows, from the header's search box.
        var record = await admin.PutAsJsonAsync("/api/customers/C-7781", new
        {
            name = "Mika Virtanen", email = "mika.virtanen@example.fi", lifetimeRevenue = 640,
            purchases = new[] { new { orderNumber = "SO-448812", amount = 89.0, purchasedAt = DateTimeOffset.UtcNow.AddDays(-14) } },
            identities = new[] { new { platform = "instagram", handle = "mika" } },
        });
        Assert.That(record.IsSuccessStatusCode, await record.Content.ReadAsStringAsync());
        await other.FillAsync("#shell-search", "SO-448812");
        await other.PressAsync("#shell-search", "Enter");
        var found = other.Locator("#search-customers .search-hit", new() { HasText = "Mika Virtanen" });
        await Expect(found).ToBeVisibleAsync();
        await Expect(found.Locator("mark")).ToHaveTextAsync("SO-448812");
        await BrowserSession.ShotAsync(other, "search-order-number");
        await found.GetByText("latest case").ClickAsync();
        await Expect(other).ToHaveURLAsync(caseUrl);
        await other.FillAsync("#shell-search", "warehouse Monday");
        await other.PressAsync("#shell-search", "Enter");
        await Expect(other.Locator("#search-summary")).ToContainTextAsync("0 customers and 0 posts");
        await Expect(other.Locator("#search-empty")).ToBeVisibleAsync();
        await other.FillAsync("#search-page-q", "terrible servi");
        await Expect(other.Locator("#search-posts mark").First).ToHaveTextAsync("terrible", new() { IgnoreCase = true });
        await BrowserSession.ShotAsync(other, "search-posts");

        // The admin's view of the team: availability, load against capacity, queues.
        var (root, rootPassword) = await factory.UserAsync("root", "admin");
        var adminPage = await session.SignInAsync(root, rootPassword, "/admin/agents");
        await Expect(adminPage.Locator("#agents")).ToContainTextAsync("aino");
        await Expect(adminPage.Locator("#queues")).ToContainTextAsync("complaints");
        await adminPage.ClickAsync("#edit-hours-support");
        await adminPage.FillAsync("#hours-week", "mon-fri 08:00-17:00; sat 10:00-14:00");
        await adminPage.FillAsync("#hours-zone", "Europe/Helsinki");
        await adminPage.FillAsync("#hours-holidays", "2026-12-24, 2026-12-25");
        await adminPage.ClickAsync("#save-hours");
        await Expect(adminPage.Locator("#hours-support")).ToHaveTextAsync("mon-fri 08:00-17:00; sat 10:00-14:00 (Europe/Helsinki), 2 holidays");
        await adminPage.ClickAsync("#edit-hours-social");
        await adminPage.FillAsync("#hours-week", "weekdays");
        await adminPage.ClickAsync("#save-hours");
        await Expect(adminPage.Locator("#problem")).ToContainTextAsync("'weekdays' is not days and hours");
        await BrowserSession.ShotAsync(adminPage, "agents-and-queues");
    }
}
