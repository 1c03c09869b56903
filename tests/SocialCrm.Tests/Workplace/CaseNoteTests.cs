using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence;
using SocialCrm.Stages.Act.Notes;
using SocialCrm.Tests.Api;

namespace SocialCrm.Tests.Workplace;

/// <summary>Internal notes with @mentions, and the notifications they raise, over the API.</summary>
public class CaseNoteTests
{
    [Test]
    public async Task A_note_mentioning_a_teammate_notifies_them_stays_internal_and_is_read_once_opened()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");
        using var aino = await factory.ClientAsync("aino", "agent");
        using var eero = await factory.ClientAsync("eero.k", "agent");
        var posted = await admin.PostAsJsonAsync("/api/signals", new
        {
            platform = "instagram", postId = "note-1", authorHandle = "note-customer", postedAt = DateTimeOffset.UtcNow.AddMinutes(-1), text = "Where is my order 55123?",
        });
        var signalId = Guid.Parse((await posted.Content.ReadFromJsonAsync<JsonObject>())!["signalId"]!.GetValue<string>());
        Guid caseId = default;
        for (var i = 0; i < 300 && caseId == default; i++)
        {
            using var scope = factory.Services.CreateScope();
            caseId = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Cases.Where(c => c.SignalId == signalId && c.Status == "awaiting_agent").Select(c => c.Id).SingleOrDefaultAsync();
            if (caseId == default) await Task.Delay(100);
        }
        Assert.That(caseId, Is.Not.EqualTo(default(Guid)), "the case never reached the inbox");

        var note = await aino.PostAsJsonAsync($"/api/cases/{caseId}/notes", new { text = "@Eero.K can you check order 55123? cc @nobody, mail me at aino@example.com." });
        Assert.That(note.StatusCode, Is.EqualTo(HttpStatusCode.Created), await note.Content.ReadAsStringAsync());
        var saved = (await note.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.That(saved["mentioned"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "eero.k" }));
        Assert.That(saved["unknownMentions"]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { "nobody" }), "an e-mail address is not a mention");

        var bell = (await eero.GetFromJsonAsync<JsonObject>("/api/notifications"))!;
        Assert.That(bell["unread"]!.GetValue<int>(), Is.EqualTo(1));
        var mention = bell["items"]!.AsArray().Single()!;
        Assert.That(mention["kind"]!.GetValue<string>(), Is.EqualTo("mention"));
        Assert.That(mention["caseId"]!.GetValue<string>(), Is.EqualTo(caseId.ToString()));
        Assert.That(mention["text"]!.GetValue<string>(), Does.StartWith("aino mentioned you: @Eero.K can you check order 55123?"));
        Assert.That((await aino.GetFromJsonAsync<JsonObject>("/api/notifications"))!["unread"]!.GetValue<int>(), Is.Zero, "the writer is not told of their own note");

        // On the case's timeline for the team, and sent nowhere.
        var view = (await admin.GetFromJsonAsync<JsonObject>($"/api/cases/{caseId}"))!;
        var onTimeline = view["timeline"]!.AsArray().Single()!;
        Assert.That(onTimeline["kind"]!.GetValue<string>(), Is.EqualTo("note"));
        Assert.That(onTimeline["mentions"]!.GetValue<string>(), Is.EqualTo("eero.k"));
        var sandbox = (await admin.GetFromJsonAsync<JsonArray>("/api/sandbox/messages"))!;
        Assert.That(sandbox.Where(m => m!["caseId"]!.GetValue<string>() == caseId.ToString()), Is.Empty);

        // Another's notification is not theirs to mark; their own is; then all at once.
        var id = mention["id"]!.GetValue<string>();
        Assert.That((await aino.PostAsync($"/api/notifications/{id}/read", null)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await eero.PostAsync($"/api/notifications/{id}/read", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await eero.GetFromJsonAsync<JsonObject>("/api/notifications?unread=true"))!["items"]!.AsArray(), Is.Empty);
        await aino.PostAsJsonAsync($"/api/cases/{caseId}/notes", new { text = "@eero.k one more" });
        await aino.PostAsJsonAsync($"/api/cases/{caseId}/notes", new { text = "@eero.k and another" });
        var marked = (await (await eero.PostAsync("/api/notifications/read-all", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.That(marked["marked"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That((await eero.GetFromJsonAsync<JsonObject>("/api/me"))!["unreadNotifications"]!.GetValue<int>(), Is.Zero);
    }

    [Test]
    public async Task A_note_that_is_empty_too_long_or_on_no_case_is_refused_in_words()
    {
        using var factory = new ApiFactory();
        using var aino = await factory.ClientAsync("aino", "agent");
        var missing = await aino.PostAsJsonAsync($"/api/cases/{Guid.NewGuid()}/notes", new { text = "hello" });
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var empty = await aino.PostAsJsonAsync($"/api/cases/{Guid.NewGuid()}/notes", new { text = "   " });
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await empty.Content.ReadAsStringAsync(), Does.Contain("the note is empty"));
        var tooLong = await aino.PostAsJsonAsync($"/api/cases/{Guid.NewGuid()}/notes", new { text = new string('x', AddCaseNoteHandler.MaxText + 1) });
        Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await tooLong.Content.ReadAsStringAsync(), Does.Contain("at most 4,000 are taken"));
        var wrongType = await aino.PostAsync($"/api/cases/{Guid.NewGuid()}/notes", new StringContent("{\"text\": 5}", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(wrongType.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await wrongType.Content.ReadAsStringAsync(), Does.Not.Contain("System."));
    }

    [TestCase("@aino please look", new[] { "aino" })]
    [TestCase("thanks @aino.", new[] { "aino" })]
    [TestCase("mail aino@example.com", new string[0])]
    [TestCase("@a-b @a-b @A-B and @c_d", new[] { "a-b", "c_d" })]
    [TestCase("(@eero) and @", new[] { "eero" })]
    public void Mentions_are_the_at_names_not_the_mail_addresses(string text, string[] expected) =>
        Assert.That(Mentions.In(text), Is.EqualTo(expected));
}
