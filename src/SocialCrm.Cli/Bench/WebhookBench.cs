using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Simulation.Platforms;
using SocialCrm.Web.Hosting;
using static SocialCrm.Simulation.Platforms.PlatformDeliveries;

namespace SocialCrm.Cli.Bench;

public sealed record WebhookResult(int Posts, int Concurrency, double Seconds, double PostsPerSecond, Latency Latency, int Ok, int Failed);

/// <summary>
/// The web host itself, on Kestrel at a loopback port, taking signed Meta deliveries (one comment or message each,
/// as Meta sends them) from several concurrent clients while the stages work on what it accepted. Every answer is a
/// 200 that means committed; the figure is POSTs per second and their latency.
/// </summary>
public static class WebhookBench
{
    public static async Task<WebhookResult> RunAsync(DatabaseOptions store, int posts, int concurrency, CancellationToken ct)
    {
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, ApplicationName = "SocialCrm.Web" });
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Error);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SocialCrm:Database:Provider"] = store.Provider,
            ["SocialCrm:Database:ConnectionString"] = store.ConnectionString,
            ["SocialCrm:Simulation:Enabled"] = "false",
            ["SocialCrm:Channels:Meta:AppSecret"] = secret,
            ["SocialCrm:Channels:Meta:VerifyToken"] = "bench",
        });
        builder.AddSocialCrmWeb();
        await using var app = builder.Build();
        await app.InitializeSocialCrmAsync();
        app.MapSocialCrmWeb();
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        // Signed before the clock starts: the bench measures the host, not the client's HMAC.
        var now = DateTimeOffset.UtcNow.AddMinutes(-1);
        var bodies = Enumerable.Range(0, posts + 50).Select(i =>
        {
            var delivery = i % 3 == 2
                ? Meta("page", now, messaging: [Message($"psid-{i % 700}", PageId, $"m_bench_{i}", "Hi, where is my order? It has been a week.", now)])
                : Meta(i % 3 == 0 ? "page" : "instagram", now, changes:
                [
                    i % 3 == 0
                        ? FeedChange("comment", "add", $"{PageId}_{i / 50}", $"{i / 50}_{i}", $"{PageId}_{i / 50}", $"{10_000 + i % 900}", "Bench Customer", "The app keeps crashing when I pay, please help", now)
                        : InstagramComment($"1786{i:D10}", "17918195224117851", null, $"{20_000 + i % 900}", $"bench.user{i % 900}", "Is this in stock in size M?"),
                ]);
            var body = Bytes(delivery);
            return (Body: body, Signature: MetaSignature(body, secret));
        }).ToArray();

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(address) };
        async Task<(bool Ok, double Ms)> PostAsync(int i)
        {
            using var content = new ByteArrayContent(bodies[i].Body);
            content.Headers.ContentType = new("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/meta") { Content = content };
            request.Headers.Add("X-Hub-Signature-256", bodies[i].Signature);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, ct);
            return (response.StatusCode == HttpStatusCode.OK, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        for (var i = posts; i < posts + 50; i++) await PostAsync(i); // warm up: JIT, pools, the store's first pages
        var next = -1;
        var results = new (bool Ok, double Ms)[posts];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < posts) results[i] = await PostAsync(i);
        }));
        clock.Stop();
        await app.StopAsync(ct);

        var sorted = results.Select(r => r.Ms).Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        var ok = results.Count(r => r.Ok);
        return new WebhookResult(posts, concurrency, clock.Elapsed.TotalSeconds, posts / clock.Elapsed.TotalSeconds,
            new Latency(At(0.5), At(0.95), At(0.99)), ok, posts - ok);
    }
}
