using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Tests.Api;
using static Microsoft.Playwright.Assertions;

namespace SocialCrm.Tests.Ui;

/// <summary>
/// Issue 12: an admin opens the analyse workflow's drawing, edits a threshold in the draft, sees the error a typo
/// makes at its place, publishes, and the next case is decided by the new version; an agent cannot open the studio.
/// </summary>
public class WorkflowStudioTests
{
    /// <summary>Edits the text in the studio's code editor, as typing would (the editor's own model, which raises its change events).</summary>
    private static Task EditAsync(IPage page, string find, string replaceWith) =>
        page.EvaluateAsync("([find, replaceWith]) => { const m = monaco.editor.getModels()[0]; m.setValue(m.getValue().replace(find, replaceWith)); }", new[] { find, replaceWith });

    [Test]
    public async Task An_admin_edits_checks_and_publishes_the_analyse_workflow_and_the_next_case_runs_on_it()
    {
        using var factory = new ApiFactory().With("SocialCrm:Workflow:AutoAgent", "true");
        await using var session = await BrowserSession.StartAsync(factory);
        using var api = await factory.ClientAsync("api-admin", "admin");
        // Cases decided by version 1, for the backtest.
        foreach (var (id, text) in new[] { ("past-1", "Where is my parcel?"), ("past-2", "Your app crashes every time"), ("past-3", "Can I change my plan?") })
            await api.PostAsJsonAsync("/api/signals", new { platform = "x", postId = id, authorHandle = $"h_{id}", text, postedAt = DateTimeOffset.UtcNow });
        await MeasuredCaseAsync(factory, "past-1");

        var (agent, agentPassword) = await factory.UserAsync("aino", "agent");
        var agentPage = await session.SignInAsync(agent, agentPassword, "/admin/workflows");
        await Expect(agentPage).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/denied"));
        await Expect(agentPage.Locator(".rz-sidebar")).Not.ToContainTextAsync("Workflows");

        var (admin, password) = await factory.UserAsync("tuula", "admin");
        var page = await session.SignInAsync(admin, password, "/admin/workflows");
        await page.ClickAsync("#stage-analyse");
        await Expect(page.Locator("#workflow-summary")).ToContainTextAsync("runs version 1");
        await Expect(page.Locator(".workflow-diagram g.activity.start[data-id='history']")).ToBeVisibleAsync();
        await Expect(page.Locator(".workflow-diagram g.activity")).ToHaveCountAsync(15);
        await Expect(page.Locator(".monaco-editor")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await BrowserSession.ShotAsync(page, "studio-analyse");

        // A threshold edited, and a typo in a setting's name: the error is listed with its line and a suggestion,
        // the activity is marked on the drawing, and the draft cannot be published.
        await EditAsync(page, "\"vipValue\": \"settings.vipValue\"", "\"vipValue\": 0");
        await EditAsync(page, "settings.ignoreBelowValue", "settings.ignoreBelowValu");
        await Expect(page.Locator("#draft-errors")).ToContainTextAsync("did you mean 'settings.ignoreBelowValue'");
        await Expect(page.Locator("#draft-errors")).ToContainTextAsync("$.activities[3].inputs.condition");
        await Expect(page.Locator(".workflow-diagram g.activity.invalid[data-id='isNoise']")).ToBeVisibleAsync();
        await Expect(page.Locator(".workflow-diagram g.activity.changed[data-id='route']")).ToBeVisibleAsync();
        await page.ClickAsync(".draft-error");
        await Expect(page.Locator(".editor-error-glyph")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await BrowserSession.ShotAsync(page, "studio-typo");
        await page.ClickAsync("#save-draft");
        await Expect(page.Locator("#studio-message")).ToContainTextAsync("work in progress with 1 error");
        await Expect(page.Locator("#publish-draft")).ToBeDisabledAsync();

        await EditAsync(page, "settings.ignoreBelowValu", "settings.ignoreBelowValue");
        await Expect(page.Locator("#draft-errors")).ToContainTextAsync("No errors");
        await page.ClickAsync("#save-draft");
        await Expect(page.Locator("#studio-message")).ToContainTextAsync("Saved draft v2. It is valid");

        // Backtested on the cases version 1 decided: every one not in the vip queue would move there.
        await page.Locator(".rz-tabview-nav").GetByText("Backtest").ClickAsync();
        await page.ClickAsync("#run-backtest");
        await Expect(page.Locator("#backtest-summary")).ToContainTextAsync("would be decided differently", new() { Timeout = 20_000 });
        await Expect(page.Locator("#backtest-counts tr.moved")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("#backtest-cases")).ToContainTextAsync("queue vip");
        await BrowserSession.ShotAsync(page, "studio-backtest");
        await page.Locator(".rz-tabview-nav").GetByText("Draft").ClickAsync();

        await page.FillAsync("#publish-comment", "every customer is a VIP this week");
        await page.ClickAsync("#publish-draft");
        await Expect(page.Locator("#studio-message")).ToContainTextAsync("Version 2 is now what the analyse stage runs");
        await Expect(page.Locator("#workflow-summary")).ToContainTextAsync("runs version 2");
        await Expect(page.Locator("#workflow-summary")).ToContainTextAsync("every customer is a VIP this week");

        // The versions, and the two compared: the threshold's activity is the one changed.
        await page.Locator(".rz-tabview-nav").GetByText("Versions").ClickAsync();
        await Expect(page.Locator("#versions")).ToContainTextAsync("tuula");
        await page.Locator(".rz-tabview-nav").GetByText("Compare").ClickAsync();
        await Expect(page.Locator("#compare-summary")).ToContainTextAsync("From v1 to v2, changed: route.");
        await Expect(page.Locator(".workflow-diagram g.activity.changed")).ToHaveCountAsync(1);
        await BrowserSession.ShotAsync(page, "studio-compare");

        // The next case is decided by version 2, and its view says so.
        Assert.That((await api.PostAsJsonAsync("/api/signals", new { platform = "x", postId = "studio-1", authorHandle = "new_customer", text = "Where is my parcel?", postedAt = DateTimeOffset.UtcNow })).StatusCode,
            Is.EqualTo(HttpStatusCode.Accepted));
        var caseId = await MeasuredCaseAsync(factory, "studio-1");
        var detail = (await api.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!;
        Assert.That(detail["journal"]!.AsArray().Where(j => (string)j!["definitionId"]! == "analyse").Select(j => (int)j!["version"]!).Distinct(), Is.EqualTo(new[] { 2 }));
        Assert.That((string)detail["case"]!["queue"]!, Is.EqualTo("vip"), "the new threshold decided it");
        await page.GotoAsync($"{session.BaseUrl}/cases/{caseId}");
        await Expect(page.Locator("#workflow-versions")).ToContainTextAsync("analyse v2");
    }

    private static async Task<Guid> MeasuredCaseAsync(ApiFactory factory, string postId)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            using var scope = factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var found = await db.Cases.Join(db.Signals, c => c.SignalId, s => s.Id, (c, s) => new { c.Id, c.Status, PostId = s.PlatformPostId })
                .Where(x => x.PostId == postId && x.Status == CaseStatus.Measured).Select(x => x.Id).FirstOrDefaultAsync();
            if (found != default) return found;
        }
        Assert.Fail($"post {postId} did not reach measure in 60 s");
        return default;
    }
}
