using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Workplace;
using SocialCrm.Tests.Api;
using SocialCrm.Tests.Infrastructure;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Tests.Workplace;

public class SignInTests
{
    [Test]
    public async Task A_token_needs_the_right_password_repeated_failures_lock_the_user_out_and_every_failure_is_audited()
    {
        using var factory = new ApiFactory();
        var (user, password) = await factory.UserAsync("maija", "agent");
        using var client = factory.CreateClient();

        var wrong = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = "not-it" });
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await wrong.Content.ReadAsStringAsync(), Does.Contain("wrong user name or password"));

        var token = (await (await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.That(token["expiresIn"]!.GetValue<long>(), Is.EqualTo(3600));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stats");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        Assert.That((await client.SendAsync(request)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        for (var i = 0; i < 5; i++) await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = $"guess-{i}" });
        var locked = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password });
        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the right password does not help while locked out");
        // Locked out or never there: the same answer, so lockouts do not tell a guesser which names exist.
        HttpResponseMessage? stranger = null;
        for (var i = 0; i < 7; i++) stranger = await client.PostAsJsonAsync("/api/auth/token", new { userName = "nobody-here", password = $"guess-{i}" });
        Assert.That(await DetailAsync(locked), Is.EqualTo(await DetailAsync(stranger!)).And.Contains("wrong user name or password"));

        using var admin = await factory.ClientAsync("root", "admin");
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/audit?action=sign-in.failed"))!;
        Assert.That(audit.Count(a => a!["actor"]!.GetValue<string>() == user), Is.EqualTo(7), "one wrong, five guesses, one while locked out");
        Assert.That(audit.Select(a => a!["detail"]!.GetValue<string>()), Does.Contain("locked out").And.Contain("wrong password"));
    }

    [Test]
    public async Task Wrong_passwords_for_one_user_at_the_same_moment_are_each_refused_and_audited_not_a_500()
    {
        using var factory = new ApiFactory();
        var (user, _) = await factory.UserAsync("pekka", "agent");
        using var client = factory.CreateClient();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = $"guess-{i}" })));
        Assert.That(answers.Select(a => a.StatusCode), Is.All.EqualTo(HttpStatusCode.Unauthorized));
        using var admin = await factory.ClientAsync("root", "admin");
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/audit?action=sign-in.failed"))!;
        Assert.That(audit.Count(a => a!["actor"]!.GetValue<string>() == user), Is.EqualTo(8));
    }

    [Test]
    public async Task A_disabled_user_cannot_get_a_token_and_the_one_they_hold_stops_working()
    {
        using var factory = new ApiFactory();
        using var agent = await factory.ClientAsync("ville", "agent");
        Assert.That((await agent.GetAsync("/api/stats")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var admin = await factory.ClientAsync("root", "admin");
        var disabled = await admin.PatchAsJsonAsync("/api/users/ville", new { disabled = true });
        Assert.That(disabled.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var refused = await agent.GetAsync("/api/stats");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("no longer valid"));
        var (_, password) = await factory.UserAsync("ville", "agent");
        var again = await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "ville", password });
        var guessed = await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "ville", password = "not-it" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await DetailAsync(again), Is.EqualTo(await DetailAsync(guessed)), "the right password of a disabled user is answered like a wrong one");

        var users = (await admin.GetFromJsonAsync<JsonArray>("/api/users"))!;
        Assert.That(users.Single(u => u!["userName"]!.GetValue<string>() == "ville")!["disabled"]!.GetValue<bool>(), Is.True);
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/audit?action=user."))!;
        Assert.That(audit.Select(a => $"{a!["actor"]} {a["action"]} {a["target"]}"), Does.Contain("root user.disabled ville"));
    }

    [Test]
    public async Task The_console_cookie_reads_the_api_but_cannot_change_anything_through_it()
    {
        using var factory = new ApiFactory();
        var (user, password) = await factory.UserAsync("cookie-admin", "admin", "agent");
        using var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await browser.GetStringAsync("/signin");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.That(token, Is.Not.Empty, "the sign-in form carries an antiforgery token");
        var signedIn = await browser.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = user, ["password"] = password, ["returnUrl"] = "/inbox", ["__RequestVerificationToken"] = token,
        }));
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(signedIn.Headers.Location!.ToString(), Is.EqualTo("/inbox"));

        Assert.That((await browser.GetAsync("/api/stats")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "reads may use the cookie (the CSV download does)");
        // A page elsewhere could make a signed-in browser send this; without a bearer token it changes nothing.
        var forged = await browser.PostAsync("/api/users", new StringContent("""{"userName":"intruder","roles":["admin"],"password":"Intruder-pass-123"}""", System.Text.Encoding.UTF8, "text/plain"));
        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        using var scope = factory.Services.CreateScope();
        Assert.That((await scope.ServiceProvider.GetRequiredService<UserAdmin>().ListAsync(CancellationToken.None)).Select(u => u.UserName), Does.Not.Contain("intruder"));

        // A fresh browser: the form's antiforgery token belongs to the anonymous visitor who loaded it.
        using var fresh = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var freshToken = System.Text.RegularExpressions.Regex.Match(await fresh.GetStringAsync("/signin"), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var offsite = await fresh.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = user, ["password"] = password, ["returnUrl"] = "/\t/evil.example", ["__RequestVerificationToken"] = freshToken,
        }));
        Assert.That(offsite.Headers.Location?.ToString(), Is.EqualTo("/"), "a sign-in link cannot send anyone elsewhere");
    }

    [Test]
    public async Task Bad_input_is_refused_in_words()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("root", "admin");
        var badRole = await admin.PostAsJsonAsync("/api/users", new { userName = "x", roles = new[] { "boss" } });
        Assert.That(badRole.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await badRole.Content.ReadAsStringAsync(), Does.Contain("unknown role 'boss'"));
        var badDate = await admin.GetAsync("/api/audit?from=25.11.2026");
        Assert.That(badDate.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await badDate.Content.ReadAsStringAsync(), Does.Contain("use yyyy-MM-dd"));
        var added = await admin.PostAsJsonAsync("/api/users", new { userName = "new-agent", roles = new[] { "agent" } });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await added.Content.ReadFromJsonAsync<JsonObject>())!["generatedPassword"]!.GetValue<string>(), Has.Length.EqualTo(20));
    }

    [Test]
    public async Task Demo_users_are_made_on_the_embedded_first_start_only_in_a_file_only_the_owner_reads()
    {
        var folder = Path.Combine(Path.GetTempPath(), "socialcrm-tests", Guid.NewGuid().ToString("N"));
        var connection = $"Data Source={Path.Combine(folder, "demo.db")}";
        var file = Path.Combine(folder, DemoUsers.FileName);
        try
        {
            using (var first = new ApiFactory().With("SocialCrm:Database:ConnectionString", connection))
            {
                first.StartServer();
                Assert.That(File.Exists(file));
                if (!OperatingSystem.IsWindows()) Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
                var lines = File.ReadAllLines(file).Where(l => !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
                Assert.That(lines.Select(l => (l[0], l[1])), Is.EqualTo(new[] { ("demo-agent", "agent"), ("demo-admin", "admin"), ("demo-analyst", "analyst") }));
                foreach (var line in lines)
                {
                    Assert.That(line[2], Has.Length.EqualTo(20), "a generated password");
                    await ApiFactory.TokenAsync(first.CreateClient(), line[0], line[2]);
                }
            }
            File.Delete(file);
            using (var second = new ApiFactory().With("SocialCrm:Database:ConnectionString", connection))
            {
                second.StartServer();
                Assert.That(File.Exists(file), Is.False, "a second start makes no demo users");
                using var scope = second.Services.CreateScope();
                Assert.That((await scope.ServiceProvider.GetRequiredService<UserAdmin>().ListAsync(CancellationToken.None)).Count, Is.EqualTo(3));
            }
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    [Test]
    public async Task A_server_database_gets_no_demo_users()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Postgres);
        using var factory = new ApiFactory()
            .With("SocialCrm:Database:Provider", "postgres")
            .With("SocialCrm:Database:ConnectionString", store.Options.ConnectionString);
        factory.StartServer();
        using var scope = factory.Services.CreateScope();
        Assert.That(await scope.ServiceProvider.GetRequiredService<UserAdmin>().AnyAsync(CancellationToken.None), Is.False);
        Assert.That(File.Exists(Path.Combine(factory.Folder, DemoUsers.FileName)), Is.False);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage answer) =>
        (await answer.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>();
}
