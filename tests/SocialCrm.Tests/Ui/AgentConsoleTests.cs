using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SocialCrm.Persistence;
using SocialCrm.Tests.Api;
using static Microsoft.Playwright.Assertions;

namespace SocialCrm.Tests.Ui;

/// <summary>An agent's day in the browser: sign in, find the case in the inbox, claim it, reply; a colleague sees who holds it.</summary>
public class AgentConsoleTests
{
    [Test]
    public async Task An_agent_claims_a_case_and_sends_a_personalised_reply_that_is_sent_exactly_as_written()
    {
        using var factory = new ApiFactory();
        await using var session = await BrowserSession.StartAsync(factory);
        using var admin = await factory.ClientAsync("root", "admin");
        var (aino, ainoPassword) = await factory.UserAsync("aino", "agent");
        var (eero, eeroPassword) = await factory.UserAsync("eero", "agent");
        var posted = await admin.PostAsJsonAsync("/api/signals", new
        {
            platform = "instagram", postId = "ui-1", authorHandle = "mika", authorName = "Mika Virtanen", authorFollowers = 5400, postedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            text = "Still waiting for my order, two weeks now. Terrible service!",
        });
        Assert.That((int)posted.StatusCode, Is.EqualTo(202));

        var page = await session.SignInAsync(aino, ainoPassword, "/inbox");
        var row = page.Locator("#inbox a.post-line", new() { HasText = "Still waiting for my order" });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 30_000 }); // the inbox updates by itself
        await BrowserSession.ShotAsync(page, "inbox");
        await row.ClickAsync();
        await Expect(page.Locator("#customer-card")).ToContainTextAsync("Mika Virtanen");
        await Expect(page.Locator("#holder")).ToContainTextAsync("held by nobody");
        await page.ClickAsync("#claim");
        await Expect(page.Locator("#reply-panel")).ToBeVisibleAsync();

        // A colleague opening the same case sees who holds it and gets no reply panel.
        var other = await session.SignInAsync(eero, eeroPassword, page.Url.Replace(session.BaseUrl, ""));
        await Expect(other.Locator("#holder")).ToContainTextAsync("held by aino");
        await Expect(other.Locator("#reply-panel")).ToHaveCountAsync(0);

        // No consent: the connection request is shown disabled, with the reason.
        await Expect(page.Locator("#connect")).ToBeDisabledAsync();
        await Expect(page.Locator("#connect-why")).ToContainTextAsync("has not consented");

        await page.GetByText("standard (S)").ClickAsync();
        await Expect(page.Locator("#reply-text")).Not.ToHaveValueAsync(new System.Text.RegularExpressions.Regex("personally"));
        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("p"); // the shortcut back to personalised brings its draft
        await Expect(page.Locator("#reply-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("personally"));
        const string written = "Hi Mika, I'm sorry for the wait. I've chased the warehouse and will message you with the tracking code today.";
        await page.FillAsync("#reply-text", written);
        await BrowserSession.ShotAsync(page, "case-view");
        await page.Keyboard.PressAsync("Control+Enter");
        await Expect(page.Locator("#notice")).ToContainTextAsync("personalised reply is on its way");
        await Expect(page.Locator("#sent-reply")).ToContainTextAsync(written, new() { Timeout = 30_000 });

        using var scope = factory.Services.CreateScope();
        var sent = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().OutgoingMessages.AsNoTracking().SingleAsync(m => m.Recipient == "mika");
        Assert.Multiple(() =>
        {
            Assert.That(sent.Text, Is.EqualTo(written), "exactly the text the agent wrote");
            Assert.That(sent.ReplyKind, Is.EqualTo("personalised"));
        });
        await BrowserSession.ShotAsync(page, "case-sent");
    }
}
