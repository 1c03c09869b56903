using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Tests.Api;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Search;

/// <summary>GET /api/search over the store's full-text indexes, on SQLite and PostgreSQL alike.</summary>
[TestFixture(DatabaseOptions.Sqlite)]
[TestFixture(DatabaseOptions.Postgres)]
public class SearchApiTests(string provider)
{
    private TestStore _store = null!;
    private ApiFactory _factory = null!;
    private HttpClient _admin = null!, _agent = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _store = await TestStore.CreateAsync(provider);
        _factory = new ApiFactory().With("SocialCrm:Database:Provider", _store.Options.Provider).With("SocialCrm:Database:ConnectionString", _store.Options.ConnectionString);
        _admin = await _factory.ClientAsync("root", "admin");
        _agent = await _factory.ClientAsync("aino", "agent");
        var put = await _admin.PutAsJsonAsync("/api/customers/C-7781", new
        {
            name = "Eeva Laine", email = "eeva.laine@example.fi", lifetimeRevenue = 820,
            purchases = new[] { new { orderNumber = "SO-448812", amount = 120.0, purchasedAt = DateTimeOffset.UtcNow.AddDays(-3) } },
            identities = new[] { new { platform = "instagram", handle = "eeva_laine" } },
        });
        Assert.That(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        await PostAsync("search-1", "eeva_laine", "Eeva Laine", "The blender I ordered arrived broken, the jug is cracked");
        await PostAsync("search-2", "pekka", "Pekka Virtanen", "Tilaus 55123 ei ole vieläkään tullut, missä se on?");
        await PostAsync("search-3", "someone", null, "Loving the new border collie toys from you!");
    }

    private async Task PostAsync(string postId, string handle, string? name, string text)
    {
        var posted = await _admin.PostAsJsonAsync("/api/signals", new { platform = "instagram", postId, authorHandle = handle, authorName = name, postedAt = DateTimeOffset.UtcNow.AddMinutes(-5), text });
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var id = Guid.Parse((await posted.Content.ReadFromJsonAsync<JsonObject>())!["signalId"]!.GetValue<string>());
        for (var i = 0; i < 300; i++)
        {
            using var scope = _factory.Services.CreateScope();
            if (await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Cases.AnyAsync(c => c.SignalId == id)) return;
            await Task.Delay(100);
        }
        Assert.Fail($"no case for {postId}");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _admin.Dispose();
        _agent.Dispose();
        _factory.Dispose();
        await _store.DisposeAsync();
    }

    private async Task<JsonObject> SearchAsync(string q)
    {
        var answer = await _agent.GetAsync($"/api/search?q={Uri.EscapeDataString(q)}");
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static string Marked(JsonNode parts) => string.Concat(parts.AsArray().Select(p => p!["match"]!.GetValue<bool>() ? $"[{p["text"]}]" : p["text"]!.GetValue<string>()));

    [TestCase("SO-448812")]
    [TestCase("eeva.laine@example.fi")]
    [TestCase("eeva_laine")]
    [TestCase("lain")]
    [TestCase("C-7781")]
    public async Task A_customer_is_found_by_order_number_e_mail_handle_name_or_back_office_id(string q)
    {
        var found = await SearchAsync(q);
        var customer = found["customers"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "Eeva Laine")!;
        Assert.That(customer["orders"]!.AsArray().Select(o => o!.GetValue<string>()), Does.Contain("SO-448812"));
        Assert.That(Marked(customer["matched"]!), Does.Contain("["), "the match is marked");
        Assert.That(customer["latestCaseId"]?.GetValue<string>(), Is.Not.Null, "her case is one click away");
    }

    [Test]
    public async Task Posts_are_found_by_their_words_ranked_with_the_words_marked_and_linked_to_their_cases()
    {
        var found = await SearchAsync("jug cracked");
        var post = found["posts"]!.AsArray().Single()!;
        Assert.That(Marked(post["text"]!), Is.EqualTo("The blender I ordered arrived broken, the [jug] is [cracked]"));
        Assert.That(post["caseId"]?.GetValue<string>(), Is.Not.Null);
        Assert.That(post["author"]!.GetValue<string>(), Is.EqualTo("Eeva Laine"));

        // An order number in a Finnish post; a whole word, not part of another ("order" is not in "border").
        Assert.That(Marked((await SearchAsync("55123"))["posts"]!.AsArray().Single()!["text"]!), Does.StartWith("Tilaus [55123] ei ole"));
        var order = (await SearchAsync("ordered"))["posts"]!.AsArray();
        Assert.That(order.Select(p => Marked(p!["text"]!)), Is.EqualTo(new[] { "The blender I [ordered] arrived broken, the jug is cracked" }));
        Assert.That((await SearchAsync("bord"))["posts"]!.AsArray().Select(p => Marked(p!["text"]!)), Is.EqualTo(new[] { "Loving the new [border] collie toys from you!" }), "the last word is a prefix");
        // A number is matched whole: part of an order number finds nothing.
        Assert.That((await SearchAsync("5512"))["posts"]!.AsArray(), Is.Empty);
        // Every word must match; names weigh more than the text.
        Assert.That((await SearchAsync("jug pekka"))["posts"]!.AsArray(), Is.Empty);
        Assert.That((await SearchAsync("virtanen"))["posts"]!.AsArray().Single()!["author"]!.GetValue<string>(), Is.EqualTo("Pekka Virtanen"));
    }

    [TestCase("\"jug")]
    [TestCase("jug OR cracked NEAR(x)")]
    [TestCase("jug & !cracked | (")]
    [TestCase("col:jug *")]
    [TestCase("'; DROP TABLE \"Signals\"; --")]
    public async Task The_index_query_syntax_never_leaks_in(string q)
    {
        var answer = await _agent.GetAsync($"/api/search?q={Uri.EscapeDataString(q)}");
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
    }

    [TestCase("", "give words to search for")]
    [TestCase("  ", "give words to search for")]
    [TestCase("?!*", "no letters or digits")]
    public async Task A_query_with_nothing_to_search_for_is_refused_in_words(string q, string expected)
    {
        var answer = await _agent.GetAsync($"/api/search?q={Uri.EscapeDataString(q)}");
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain(expected));
        var tooLong = await _agent.GetAsync($"/api/search?q={new string('a', 300)}");
        Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task An_edited_post_is_found_by_its_new_words_only()
    {
        await PostAsync("search-edit", "tuula", "Tuula", "My kettle leaks");
        using (var scope = _factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            await db.Signals.Where(s => s.PlatformPostId == "search-edit").ExecuteUpdateAsync(u => u.SetProperty(s => s.Text, "My toaster sparks"));
        }
        Assert.That((await SearchAsync("kettle"))["posts"]!.AsArray(), Is.Empty);
        Assert.That((await SearchAsync("toaster"))["posts"]!.AsArray(), Has.Count.EqualTo(1));
    }
}
