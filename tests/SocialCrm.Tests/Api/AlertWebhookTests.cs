using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence;
using SocialCrm.Stages.Insights;
using SocialCrm.Tests.Insights;

namespace SocialCrm.Tests.Api;

/// <summary>A spike alert goes to the webhook an admin set: signed, and retried until the receiver takes it.</summary>
public class AlertWebhookTests
{
    private sealed record Received(string Timestamp, string Signature, string Body);

    [Test]
    public async Task An_alert_is_posted_signed_to_the_admins_webhook_and_retried_after_a_failure()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        var received = new ConcurrentQueue<Received>();
        var receiving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); } catch (Exception) { return; }
                using var reader = new StreamReader(context.Request.InputStream);
                received.Enqueue(new Received(context.Request.Headers["X-SocialCrm-Timestamp"] ?? "", context.Request.Headers["X-SocialCrm-Signature"] ?? "", await reader.ReadToEndAsync()));
                context.Response.StatusCode = received.Count == 1 ? 500 : 204;   // the first try fails
                context.Response.Close();
            }
        });

        using var factory = new ApiFactory().With("SocialCrm:Insights:AlertWebhookSecret", "a-test-secret").With("SocialCrm:Insights:AlertWebhookAllowHttp", "true")
            .With("SocialCrm:Insights:AlertWebhookRetrySeconds", "0").With("SocialCrm:Insights:RecomputeMinutes", "600");
        using var admin = await factory.ClientAsync("admin", "admin");
        var bad = await admin.PutAsJsonAsync("/api/insights/webhook", new { url = "chat.example.com/hook" });
        Assert.That(await bad.Content.ReadAsStringAsync(), Does.Contain("is not an http(s) address"));
        Assert.That((await admin.PutAsJsonAsync("/api/insights/webhook", new { url = $"http://127.0.0.1:{port}/hook/" })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var hook = (await admin.GetFromJsonAsync<JsonObject>("/api/insights/webhook"))!;
        Assert.That((hook["url"]!.GetValue<string>(), hook["setBy"]!.GetValue<string>(), hook["canSign"]!.GetValue<bool>()), Is.EqualTo(($"http://127.0.0.1:{port}/hook/", "admin", true)));

        await TopicPosts.SeedAsync(factory.Services, DateTime.UtcNow);
        Assert.That((await admin.PostAsync("/api/insights/recompute", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));   // raised; the first try fails
        Assert.That((await admin.PostAsync("/api/insights/recompute", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));   // tried again: taken
        listener.Stop();
        await receiving;

        var tries = received.ToList();
        Assert.That(tries, Has.Count.EqualTo(2), "one failed try, one that was taken");
        Assert.That(tries[1].Body, Is.EqualTo(tries[0].Body), "the same alert");
        var alert = JsonNode.Parse(tries[1].Body)!;
        Assert.That(alert["kind"]!.GetValue<string>(), Is.EqualTo("volume"));
        Assert.That(alert["reason"]!.GetValue<string>(), Does.Contain("expected from the last 24 hours"));
        foreach (var t in tries)
            Assert.That(t.Signature, Is.EqualTo("sha256=" + AlertWebhookSender.Sign("a-test-secret", t.Timestamp, t.Body)), "signed with the configured secret");
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var stored = await db.TopicAlerts.SingleAsync(a => a.Id == Guid.Parse(alert["id"]!.GetValue<string>()));
        Assert.That((stored.NotifiedAt is not null, stored.NotifyAttempts), Is.EqualTo((true, 2)));
        Assert.That(await db.AuditEntries.AnyAsync(e => e.Action == "alert-webhook.set" && e.Actor == "admin"));
    }

    [Test]
    public async Task Without_a_signing_secret_no_webhook_can_be_set_and_plain_http_only_where_allowed()
    {
        using var factory = new ApiFactory();
        using var admin = await factory.ClientAsync("admin", "admin");
        var refused = await admin.PutAsJsonAsync("/api/insights/webhook", new { url = "https://chat.example.com/hooks/alerts" });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("set SocialCrm:Insights:AlertWebhookSecret"));
        using var analyst = await factory.ClientAsync("ana", "analyst");
        Assert.That((await analyst.PutAsJsonAsync("/api/insights/webhook", new { url = "https://x.example" })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        // With a secret, plain http is refused too unless allowed: the alert would be readable on the way.
        using var signed = new ApiFactory().With("SocialCrm:Insights:AlertWebhookSecret", "a-test-secret");
        using var signedAdmin = await signed.ClientAsync("admin", "admin");
        var plain = await signedAdmin.PutAsJsonAsync("/api/insights/webhook", new { url = "http://chat.example.com/hooks/alerts" });
        Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await plain.Content.ReadAsStringAsync(), Does.Contain("alerts go out over https only"));
        Assert.That((await signedAdmin.PutAsJsonAsync("/api/insights/webhook", new { url = "https://chat.example.com/hooks/alerts" })).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
