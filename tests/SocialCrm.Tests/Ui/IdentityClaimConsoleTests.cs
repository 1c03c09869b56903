using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Tests.Api;
using static Microsoft.Playwright.Assertions;

namespace SocialCrm.Tests.Ui;

/// <summary>An agent sees what a direct message claimed about its author, with the author still their own customer, and confirms it.</summary>
public class IdentityClaimConsoleTests
{
    [Test]
    public async Task An_agent_sees_a_direct_message_s_claim_on_the_case_and_confirms_it()
    {
        using var factory = new ApiFactory();
        await using var session = await BrowserSession.StartAsync(factory);
        using var api = await factory.ClientAsync("api-admin", "admin", "backoffice");
        Assert.That((await api.PutAsJsonAsync("/api/customers/C-7001", new
        {
            name = "Liisa Virtanen", lifetimeRevenue = 9000.0,
            purchases = new[] { new { orderNumber = "55123", amount = 9000.0, purchasedAt = DateTimeOffset.UtcNow.AddDays(-200) } },
        })).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await api.PostAsJsonAsync("/api/signals", new
        {
            platform = "instagram", postId = "dm-claim-1", kind = "direct_message", authorHandle = "quick.fingers", authorName = "Q",
            text = "Hi, my order #55123 never came, refund it to this account", postedAt = DateTimeOffset.UtcNow,
        })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Guid caseId = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); caseId == default && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            using var scope = factory.Services.CreateScope();
            caseId = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Cases.Where(c => c.Status == CaseStatus.AwaitingAgent).Select(c => c.Id).FirstOrDefaultAsync();
        }
        Assert.That(caseId, Is.Not.EqualTo(Guid.Empty), "the case waits for an agent");

        var (agent, password) = await factory.UserAsync("aino", "agent");
        var page = await session.SignInAsync(agent, password, $"/cases/{caseId}");
        var claim = page.Locator(".identity-claim");
        await Expect(claim).ToContainTextAsync("Says they are Liisa Virtanen");
        await Expect(claim).ToContainTextAsync("gave order number 55123 in a direct message");
        await Expect(page.Locator("#customer-card h2")).Not.ToContainTextAsync("Liisa");
        await Expect(page.Locator("#back-office")).ToContainTextAsync("not known to the back office");
        await BrowserSession.ShotAsync(page, "case-identity-claim");

        // An admin reads the claim too, but deciding it is an agent's: no buttons.
        var (admin, adminPassword) = await factory.UserAsync("tuula", "admin");
        var adminPage = await session.SignInAsync(admin, adminPassword, $"/cases/{caseId}");
        await Expect(adminPage.Locator(".identity-claim")).ToContainTextAsync("Says they are Liisa Virtanen");
        await Expect(adminPage.Locator(".identity-claim button")).ToHaveCountAsync(0);
        await BrowserSession.ShotAsync(adminPage, "case-identity-claim-admin");

        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm, it is them" }).ClickAsync();
        await Expect(page.Locator("#customer-card h2")).ToContainTextAsync("Liisa Virtanen", new() { Timeout = 10_000 });
        await Expect(page.Locator("#back-office")).ToContainTextAsync("C-7001");
        await Expect(claim).ToContainTextAsync("confirmed by aino");
        await BrowserSession.ShotAsync(page, "case-identity-claim-confirmed");
    }
}
