using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SocialCrm.Contracts.Listen;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Messaging;
using SocialCrm.Stages.Messaging;
using SocialCrm.Tests.Api;
using SocialCrm.Tests.Workplace;
using static Microsoft.Playwright.Assertions;

namespace SocialCrm.Tests.Ui;

/// <summary>An admin watches the stages run: what each handled and how long it took, the backlog, and the failures to replay.</summary>
public class OperationsPageTests
{
    [Test]
    public async Task An_admin_sees_each_stage_handle_the_signals_and_replays_a_failed_message()
    {
        using var factory = new ApiFactory().With("SocialCrm:Workflow:AutoAgent", "true");
        await using var session = await BrowserSession.StartAsync(factory);
        await ReportApiTests.SeedMeasuredCasesAsync(factory, 4);
        var failedId = Guid.NewGuid();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            db.FailedMessages.Add(new FailedMessage
            {
                Id = failedId, MessageId = Guid.NewGuid(), MessageType = MessageTypes.NameOf(typeof(SignalCaptured)), Body = "{}",
                Error = "customer 1234 not found\n   at a stack trace", FailedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        // The API: every stage handled the signals in the window; a window that is not a number is refused in words.
        using var admin = await factory.ClientAsync("ops-admin", "admin");
        var snapshot = (await admin.GetFromJsonAsync<JsonObject>("/api/operations?minutes=15"))!;
        var stages = snapshot["stages"]!.AsArray().ToDictionary(s => (string)s!["stage"]!, s => s!);
        foreach (var stage in new[] { "listen", "analyse", "act", "measure" })
            Assert.That((int)stages[stage]["handled"]!, Is.GreaterThanOrEqualTo(4), $"{stage}: {stages[stage]}");
        Assert.That((double?)stages["analyse"]["meanMs"], Is.GreaterThan(0), "handling time is measured");
        Assert.That((int)snapshot["parkedWaiting"]!, Is.EqualTo(1));
        var bad = await admin.GetAsync("/api/operations?minutes=lots");
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await bad.Content.ReadAsStringAsync(), Does.Contain("minutes must be a whole number from 5 to 1440"));
        using var analyst = await factory.ClientAsync("ops-analyst", "analyst");
        Assert.That((await analyst.GetAsync("/api/operations")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        // The page.
        var (user, password) = await factory.UserAsync("ops", "admin");
        var page = await session.SignInAsync(user, password, "/admin/operations");
        await Expect(page.Locator("#card-listen")).ToContainTextAsync("handled", new() { Timeout = 20_000 });
        var listenHandled = int.Parse(await page.Locator("#card-listen b").InnerTextAsync());
        Assert.That(listenHandled, Is.GreaterThanOrEqualTo(4));
        await Expect(page.Locator("#chart-handled")).ToContainTextAsync("messages handled per minute");
        await Expect(page.Locator("#chart-handling")).ToContainTextAsync("mean handling time (ms)");
        await Expect(page.Locator("#queues-note")).ToContainTextAsync("in-memory bus");
        await Expect(page.Locator("#parked-waiting")).ToHaveTextAsync("1");
        // The cluster's processes: here the one web host, running every stage.
        var process = page.Locator("#processes tbody tr", new() { HasText = "listen, analyse, act, measure" });
        await Expect(process).ToContainTextAsync("running", new() { Timeout = 15_000 });
        await Expect(process).ToContainTextAsync(Environment.ProcessId.ToString());
        var row = page.Locator("#failed tbody tr", new() { HasText = "customer 1234 not found" });
        await Expect(row).ToContainTextAsync("analyse");
        await BrowserSession.ShotAsync(page, "operations");

        await row.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await Expect(row).ToContainTextAsync("replayed", new() { Timeout = 10_000 });
        await row.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "operations-failed.png") });
        var audit = (await admin.GetFromJsonAsync<JsonNode>("/api/audit?action=message.replayed"))!.ToJsonString();
        Assert.That(audit, Does.Contain(failedId.ToString()).And.Contain("ops"), "the replay is audited with who did it");

        // The API reference an integrator reads beside it (Scalar, on the same OpenAPI document).
        await page.GotoAsync(session.BaseUrl + "/api/reference");
        await Expect(page.GetByText("Operations", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByText("Measure", new() { Exact = true }).First).ToBeVisibleAsync();
        await Expect(page.GetByText("Deploy .NET")).ToHaveCountAsync(0); // no vendor toolbar in a company's console
        await page.ScreenshotAsync(new() { Path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "api-reference.png") });
    }
}
