using System.Net;
using Microsoft.Playwright;
using SocialCrm.Tests.Api;
using SocialCrm.Tests.Channels;
using static Microsoft.Playwright.Assertions;
using static SocialCrm.Simulation.Platforms.PlatformDeliveries;

namespace SocialCrm.Tests.Ui;

/// <summary>
/// A Messenger message arrives by Meta's webhook; the agent answers it in the console and the answer goes out through
/// the Graph API (a local fake that checks its shape), and the case shows the platform's id for it.
/// </summary>
public class PlatformReplyConsoleTests
{
    [Test]
    public async Task A_reply_written_in_the_console_goes_out_as_a_Messenger_message_through_the_Graph_API()
    {
        await using var platforms = await FakePlatforms.StartAsync();
        using var factory = new ApiFactory()
            .With("SocialCrm:Channels:Meta:AppSecret", "console-secret")
            .With("SocialCrm:Channels:Meta:VerifyToken", "v")
            .With("SocialCrm:Channels:Meta:PageAccessToken", FakePlatforms.GraphToken)
            .With("SocialCrm:Channels:Meta:GraphBaseUrl", platforms.GraphBaseUrl);
        await using var session = await BrowserSession.StartAsync(factory);
        var (aino, password) = await factory.UserAsync("aino", "agent");
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        using var hooks = factory.CreateClient();
        var delivered = await hooks.PostMetaAsync(Meta("page", at, messaging: [Message("7990", PageId, "m_console_1", "My parcel has not arrived and nobody answers, this is terrible", at)]), "console-secret");
        Assert.That(delivered.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var page = await session.SignInAsync(aino, password, "/inbox");
        var row = page.Locator("#inbox a.post-line", new() { HasText = "My parcel has not arrived" });
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await row.ClickAsync();
        await page.ClickAsync("#claim");
        await Expect(page.Locator("#reply-panel")).ToBeVisibleAsync();
        await Expect(page.Locator("#reply-text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^Hi, "), new() { Timeout = 10_000 }); // no name to greet by
        const string written = "Hi, sorry about the parcel. I have asked the carrier and will write back within the hour.";
        await page.FillAsync("#reply-text", written);
        await page.Keyboard.PressAsync("Control+Enter");

        await Expect(page.Locator("#send-status-reply")).ToContainTextAsync("sent · facebook id m_sent", new() { Timeout = 30_000 });
        var call = platforms.Calls.Single(c => c.Path == "/graph/v21.0/me/messages");
        Assert.Multiple(() =>
        {
            Assert.That(call.Body!["recipient"]!["id"]!.GetValue<string>(), Is.EqualTo("7990"));
            Assert.That(call.Body["message"]!["text"]!.GetValue<string>(), Is.EqualTo(written));
            Assert.That(call.Body["messaging_type"]!.GetValue<string>(), Is.EqualTo("RESPONSE"));
        });
        await BrowserSession.ShotAsync(page, "case-sent-messenger");
    }
}
