using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Insights;

/// <summary>What the alert webhook receives: one alert, in words, with where to see it.</summary>
public sealed record AlertDelivery(Guid Id, string Topic, string Kind, string Reason, DateTime RaisedAt, int Observed, double Expected, string Path);

/// <summary>
/// Sends each alert raised since an admin set the webhook, once it succeeds (a 2xx), retried with doubling waits, six
/// tries in all. Signed as the platforms sign their webhooks: X-SocialCrm-Timestamp (Unix seconds) and
/// X-SocialCrm-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body)), so a receiver can check both who
/// sent it and that it is fresh.
/// </summary>
public sealed class AlertWebhookSender(CrmDbContext db, InsightsOptions options, IHttpClientFactory http, TimeProvider clock, ILogger<AlertWebhookSender> log)
{
    public const int Tries = 6;
    public const string HttpClientName = "alert-webhook";

    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        if (options.AlertWebhookSecret.Length == 0 || await db.AlertWebhooks.AsNoTracking().SingleOrDefaultAsync(ct) is not { Url.Length: > 0 } hook) return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var waiting = await (from a in db.TopicAlerts
                             join t in db.Topics on a.TopicId equals t.Id
                             where a.NotifiedAt == null && a.NotifyAttempts < Tries && a.RaisedAt >= hook.UpdatedAt
                             orderby a.RaisedAt
                             select new { Alert = a, Topic = t.Name ?? t.Label }).Take(10).ToListAsync(ct);
        var sent = 0;
        foreach (var w in waiting)
        {
            var a = w.Alert;
            if (a.NotifyAttempts > 0 && now < a.RaisedAt.AddSeconds(options.AlertWebhookRetrySeconds * (Math.Pow(2, a.NotifyAttempts) - 1))) continue;
            var body = JsonSerializer.Serialize(new AlertDelivery(a.Id, w.Topic, a.Kind, a.Reason, a.RaisedAt, a.Observed, a.Expected, "/insights#alerts"), JsonSerializerOptions.Web);
            a.NotifyAttempts++;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                request.Headers.Add("X-SocialCrm-Timestamp", timestamp);
                request.Headers.Add("X-SocialCrm-Signature", "sha256=" + Sign(options.AlertWebhookSecret, timestamp, body));
                using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
                if (response.IsSuccessStatusCode) { a.NotifiedAt = now; sent++; }
                else log.LogWarning("alert webhook answered {Status} for alert {Alert} (try {Try} of {Tries})", (int)response.StatusCode, a.Id, a.NotifyAttempts, Tries);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                log.LogWarning("alert webhook not reached for alert {Alert} (try {Try} of {Tries}): {Error}", a.Id, a.NotifyAttempts, Tries, e.Message);
            }
        }
        await db.SaveChangesAsync(ct);
        return sent;
    }

    public static string Sign(string secret, string timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}
