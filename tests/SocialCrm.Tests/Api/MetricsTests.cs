using System.Net;
using System.Text;
using SocialCrm.Tests.Channels;

namespace SocialCrm.Tests.Api;

/// <summary>The Prometheus scrape an operator points a scraper at: off unless configured, then the stages' own figures.</summary>
public class MetricsTests
{
    [Test]
    public async Task Without_the_setting_nothing_is_scraped()
    {
        await using var factory = new ApiFactory();
        using var response = await factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Not.Contain("# TYPE"), $"{(int)response.StatusCode} {response.Headers.Location}");
        Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK), "an unknown path: the console's sign-in or not-found page");
    }

    [Test]
    public async Task With_the_setting_the_scrape_shows_each_stage_handling_a_signal()
    {
        await using var factory = new ApiFactory().With("SocialCrm:Telemetry:Prometheus", "true");
        using var client = await factory.EveryRoleClientAsync();
        var signal = $$"""
            { "platform": "x", "postId": "metrics-1", "authorHandle": "@Jane_Doe", "authorName": "Jane Doe",
              "text": "Where is my order? Still waiting!", "postedAt": "{{DateTimeOffset.UtcNow.AddMinutes(-2):O}}" }
            """;
        using (var posted = await client.PostAsync("/api/signals", new StringContent(signal, Encoding.UTF8, "application/json")))
            Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));

        var scrape = factory.CreateClient();
        var text = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            text = await scrape.GetStringAsync("/metrics");
            if (text.Contains("handler=\"SignalCapturedConsumer\"")) break;
        }
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("socialcrm_stage_handle_duration_milliseconds_count{").And.Contain("handler=\"SignalAcceptedConsumer\"").And.Contain("handler=\"SignalCapturedConsumer\""),
                "handling time per stage handler, as a histogram");
            Assert.That(text, Does.Contain("socialcrm_store_commands"), "store round trips");
            Assert.That(text, Does.Contain("http_server_request_duration_seconds"), "ASP.NET Core's request durations");
        });
    }

    [Test]
    public async Task The_scrape_counts_webhook_deliveries_by_platform_and_result_and_shows_the_backlog_gauges()
    {
        await using var factory = new ApiFactory().With("SocialCrm:Telemetry:Prometheus", "true")
            .With("SocialCrm:Channels:Meta:AppSecret", "metrics-app-secret").With("SocialCrm:Channels:Meta:VerifyToken", "metrics-verify");
        var http = factory.CreateClient();
        var delivery = System.Text.Json.Nodes.JsonNode.Parse("""{"object": "page", "entry": [{"id": "1", "time": 1700000000, "changes": []}]}""")!.AsObject();
        using (var stored = await http.PostMetaAsync(delivery, "metrics-app-secret")) Assert.That(stored.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var empty = new System.Text.Json.Nodes.JsonObject { ["object"] = "page", ["entry"] = new System.Text.Json.Nodes.JsonArray() };
        using (var invalid = await http.PostMetaAsync(empty, "metrics-app-secret")) Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using (var forged = await http.PostMetaAsync(delivery, "not-the-secret")) Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        var text = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < deadline; await Task.Delay(250))
        {
            text = await http.GetStringAsync("/metrics");
            if (text.Contains("socialcrm_outbox_backlog") && text.Contains("result=\"unsigned\"")) break;
        }
        var deliveries = text.Split('\n').Where(l => l.StartsWith("socialcrm_webhook_deliveries", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(deliveries, Has.One.Contains("platform=\"meta\"").And.Contains("result=\"stored\""), string.Join("\n", deliveries));
            Assert.That(deliveries, Has.One.Contains("platform=\"meta\"").And.Contains("result=\"unsigned\""), string.Join("\n", deliveries));
            Assert.That(deliveries, Has.One.Contains("platform=\"meta\"").And.Contains("result=\"invalid\""), string.Join("\n", deliveries));
            Assert.That(text, Does.Contain("socialcrm_outbox_backlog").And.Contain("socialcrm_outbox_oldest_age").And.Contain("socialcrm_messages_parked"), "the backlog gauges");
        });
    }
}
