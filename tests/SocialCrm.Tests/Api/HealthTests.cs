using System.Net;
using System.Text.Json.Nodes;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Api;

/// <summary>
/// What an orchestrator's probes read: /alive while the process answers, /health only while the store and the bus
/// do, both without signing in.
/// </summary>
public class HealthTests
{
    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static string[] Checks(JsonNode body) => [.. body["checks"]!.AsArray().Select(c => $"{c!["name"]}: {c["status"]}")];

    [Test]
    public async Task A_running_host_is_alive_and_ready_with_its_store_and_bus_named()
    {
        await using var factory = new ApiFactory();
        var client = factory.CreateClient();

        var (aliveStatus, alive) = await GetAsync(client, "/alive");
        var (readyStatus, ready) = await GetAsync(client, "/health");
        Assert.Multiple(() =>
        {
            Assert.That(aliveStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Checks(alive), Is.EqualTo(new[] { "process: Healthy" }), "liveness asks nothing outside the process");
            Assert.That(readyStatus, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Checks(ready), Does.Contain("store: Healthy").And.Contain("process: Healthy"));
            Assert.That(Checks(ready).Any(c => c.Contains("masstransit", StringComparison.OrdinalIgnoreCase) || c.Contains("bus", StringComparison.OrdinalIgnoreCase)),
                Is.True, $"the bus is checked: {string.Join(", ", Checks(ready))}");
        });
    }

    [Test]
    public async Task A_host_whose_store_is_gone_is_alive_but_not_ready()
    {
        var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var factory = new ApiFactory().With("SocialCrm:Database:Provider", "postgres").With("SocialCrm:Database:ConnectionString", database.ConnectionString);
        var client = factory.CreateClient();
        Assert.That((await GetAsync(client, "/health")).Status, Is.EqualTo(HttpStatusCode.OK));

        await database.DisposeAsync(); // the database is dropped under the running host

        var (readyStatus, ready) = await GetAsync(client, "/health");
        var (aliveStatus, _) = await GetAsync(client, "/alive");
        Assert.Multiple(() =>
        {
            Assert.That(readyStatus, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(Checks(ready), Does.Contain("store: Unhealthy"));
            Assert.That(ready.ToJsonString(), Does.Not.Contain("Exception").And.Not.Contain("Npgsql"), "an anonymous probe learns no detail of the failure");
            Assert.That(aliveStatus, Is.EqualTo(HttpStatusCode.OK), "a lost store is not a reason to restart the process");
        });
    }
}
