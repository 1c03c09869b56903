using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Tests.Api;

/// <summary>The real web host in-process, on its own SQLite file and the in-memory bus, simulator off.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "socialcrm-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, (string User, string Password)> _users = [];
    private readonly Dictionary<string, string> _settings = [];

    public string Folder => _folder;

    /// <summary>A setting for the host, before it starts.</summary>
    public ApiFactory With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseSetting("SocialCrm:Database:ConnectionString", $"Data Source={Path.Combine(_folder, "api.db")}");
        builder.UseSetting("SocialCrm:Simulation:Enabled", "false");
        builder.UseSetting("SocialCrm:Workflow:OutcomeWindowSeconds", "1");
        builder.UseSetting("SocialCrm:Bus:RetryIntervalsMs:0", "20");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    /// <summary>A user with these roles (made once per name), with a generated password.</summary>
    public async Task<(string User, string Password)> UserAsync(string name, params string[] roles)
    {
        if (_users.TryGetValue(name, out var known)) return known;
        using var scope = Services.CreateScope();
        var added = await scope.ServiceProvider.GetRequiredService<UserAdmin>().AddAsync(name, roles, null, "test", CancellationToken.None);
        Assert.That(added.Errors, Is.Empty);
        return _users[name] = (name, added.GeneratedPassword!);
    }

    /// <summary>An HTTP client signed in with a bearer token as a user holding these roles.</summary>
    public async Task<HttpClient> ClientAsync(string name, params string[] roles)
    {
        var (user, password) = await UserAsync(name, roles);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, user, password));
        return client;
    }

    /// <summary>An admin, agent and analyst in one: for tests that drive the whole loop and are not about roles.</summary>
    public Task<HttpClient> EveryRoleClientAsync() => ClientAsync("all-roles", "admin", "agent", "analyst");

    public static async Task<string> TokenAsync(HttpClient client, string user, string password)
    {
        var answer = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password });
        Assert.That((int)answer.StatusCode, Is.EqualTo(200), await answer.Content.ReadAsStringAsync());
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* still open */ }
    }
}
