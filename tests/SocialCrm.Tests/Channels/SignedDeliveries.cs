using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence;
using SocialCrm.Tests.Api;
using static SocialCrm.Simulation.Platforms.PlatformDeliveries;

namespace SocialCrm.Tests.Channels;

/// <summary>Deliveries posted to the host as the platforms post them: the raw body with its signature header.</summary>
public static class SignedDeliveries
{
    public static Task<HttpResponseMessage> PostSignedAsync(this HttpClient http, string url, byte[] body, string header, string? signature)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (signature is not null) request.Headers.Add(header, signature);
        return http.SendAsync(request);
    }

    /// <summary>Signed with the app secret as Meta signs (X-Hub-Signature-256); no secret, no signature.</summary>
    public static Task<HttpResponseMessage> PostMetaAsync(this HttpClient http, JsonObject delivery, string? appSecret)
    {
        var body = Bytes(delivery);
        return http.PostSignedAsync("/webhooks/meta", body, "X-Hub-Signature-256", appSecret is null ? null : MetaSignature(body, appSecret));
    }

    /// <summary>Signed with the consumer secret as X signs (x-twitter-webhooks-signature).</summary>
    public static Task<HttpResponseMessage> PostXAsync(this HttpClient http, JsonObject delivery, string consumerSecret)
    {
        var body = Bytes(delivery);
        return http.PostSignedAsync("/webhooks/x", body, "x-twitter-webhooks-signature", XSignature(body, consumerSecret));
    }

    /// <summary>A query against the host's store, in a scope of its own.</summary>
    public static async Task<T> QueryAsync<T>(this ApiFactory factory, Func<CrmDbContext, Task<T>> query)
    {
        using var scope = factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<CrmDbContext>());
    }
}
