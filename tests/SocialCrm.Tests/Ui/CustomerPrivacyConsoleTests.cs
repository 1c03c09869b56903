using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Tests.Api;
using static Microsoft.Playwright.Assertions;

namespace SocialCrm.Tests.Ui;

/// <summary>An admin downloads a customer's data and erases them from the case view; an agent sees neither.</summary>
public class CustomerPrivacyConsoleTests
{
    [Test]
    public async Task An_admin_downloads_a_customer_s_data_and_erases_them_from_the_case_view()
    {
        using var factory = new ApiFactory().With("SocialCrm:Workflow:AutoAgent", "true");
        await using var session = await BrowserSession.StartAsync(factory);
        using var api = await factory.ClientAsync("api-admin", "admin");
        Assert.That((await api.PostAsJsonAsync("/api/signals", new { platform = "x", postId = "gdpr-1", authorHandle = "veikko_v", authorName = "Veikko Virtanen", text = "My order 4411 never arrived at Tammitie 3", postedAt = DateTimeOffset.UtcNow })).StatusCode,
            Is.EqualTo(HttpStatusCode.Accepted));
        Guid caseId = default;
        for (var deadline = DateTime.UtcNow.AddSeconds(60); caseId == default && DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            using var scope = factory.Services.CreateScope();
            caseId = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Cases.Where(c => c.Status == CaseStatus.Measured).Select(c => c.Id).FirstOrDefaultAsync();
        }
        Assert.That(caseId, Is.Not.EqualTo(Guid.Empty), "the case is measured");

        var (agent, agentPassword) = await factory.UserAsync("aino", "agent");
        var agentPage = await session.SignInAsync(agent, agentPassword, $"/cases/{caseId}");
        await Expect(agentPage.Locator("#customer-card")).ToBeVisibleAsync();
        await Expect(agentPage.Locator("#personal-data")).ToHaveCountAsync(0);

        var (admin, password) = await factory.UserAsync("tuula", "admin");
        var page = await session.SignInAsync(admin, password, $"/cases/{caseId}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-customer"));
        var file = await download.PathAsync();
        Assert.That(await File.ReadAllTextAsync(file!), Does.Contain("Tammitie 3").And.Contain("veikko_v"));

        await page.ClickAsync("#erase-customer");
        await Expect(page.Locator("#erase-confirm")).ToContainTextAsync("cannot be undone");
        await page.FillAsync("#erase-reason", "asked by phone");
        await BrowserSession.ShotAsync(page, "case-erase-confirm");
        await page.ClickAsync("#erase-now");
        await Expect(page.Locator("#personal-data")).ToContainTextAsync("Erased on", new() { Timeout = 10_000 });
        await Expect(page.Locator("#customer-card")).Not.ToContainTextAsync("Veikko");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Tammitie");
        await BrowserSession.ShotAsync(page, "case-erased");
    }

    [Test]
    public async Task An_admin_finds_a_customer_by_handle_on_the_customers_page_and_erases_them()
    {
        using var factory = new ApiFactory().With("SocialCrm:Workflow:AutoAgent", "true");
        await using var session = await BrowserSession.StartAsync(factory);
        using var api = await factory.ClientAsync("api-admin", "admin");
        await api.PostAsJsonAsync("/api/signals", new { platform = "instagram", postId = "gdpr-2", authorHandle = "liisa.k", authorName = "Liisa Korhonen", text = "Where is my refund?", postedAt = DateTimeOffset.UtcNow });
        var (admin, password) = await factory.UserAsync("tuula", "admin");
        var page = await session.SignInAsync(admin, password, "/admin/customers");
        await Expect(page.Locator("body")).ToContainTextAsync("at least two letters");
        await BrowserSession.ShotAsync(page, "customers-empty");

        // Until the case is measured, erasure waits and says why; the search finds the customer once listen has resolved them.
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(300))
        {
            await page.FillAsync("#customer-search", "");
            await page.FillAsync("#customer-search", "@liisa");
            if (await page.Locator("#selected-customer").CountAsync() > 0 && await page.Locator("#customers").TextContentAsync() is { } rows && rows.Contains("last")) break;
        }
        await Expect(page.Locator("#selected-customer")).ToContainTextAsync("Liisa Korhonen");
        await BrowserSession.ShotAsync(page, "customers-found");
        using (var scope = factory.Services.CreateScope())
            for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline && !await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Cases.AnyAsync(c => c.Status == CaseStatus.Measured); await Task.Delay(200)) { }
        await page.ClickAsync("#erase-customer");
        await page.FillAsync("#erase-reason", "form on the website");
        await page.ClickAsync("#erase-now");
        await Expect(page.Locator("#selected-customer")).ToContainTextAsync("Erased on", new() { Timeout = 10_000 });
        await Expect(page.Locator("#selected-customer")).Not.ToContainTextAsync("Liisa");
        await BrowserSession.ShotAsync(page, "customers-erased");

        await page.GotoAsync($"{session.BaseUrl}/admin/audit");
        await Expect(page.Locator("#audit")).ToContainTextAsync("customer.erased");
        await Expect(page.Locator("#audit")).ToContainTextAsync("form on the website");
    }
}
