using System.Globalization;
using System.Net;
using System.Text.Json;

namespace SocialCrm.Channels.Outbound;

/// <summary>How long a platform told us to wait, read from its rate-limit answer.</summary>
public static class RateLimits
{
    /// <summary>The Graph API's throttling error codes (app, user, page, custom, and business-use-case limits for pages, Instagram and Messenger).</summary>
    public static readonly int[] GraphThrottlingCodes = [4, 17, 32, 613, 80001, 80002, 80004, 80006];

    /// <summary>X answers 429 with x-rate-limit-reset, the Unix second when the window resets.</summary>
    public static TimeSpan? XWait(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.StatusCode != HttpStatusCode.TooManyRequests) return null;
        if (response.Headers.TryGetValues("x-rate-limit-reset", out var values) &&
            long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
            return TimeSpan.FromSeconds(Math.Max(1, reset - now.ToUnixTimeSeconds()));
        return response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(60);
    }

    /// <summary>
    /// The Graph API throttles with an error code in the body (HTTP 400 or 403), and tells how long in
    /// X-Business-Use-Case-Usage's estimated_time_to_regain_access (minutes); without it, one minute.
    /// </summary>
    public static async Task<TimeSpan?> GraphWaitAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode || (int)response.StatusCode >= 500) return null;
        var code = (await GraphErrorAsync(response, ct))?.Code;
        if (code is null || !GraphThrottlingCodes.Contains(code.Value)) return null;
        if (response.Headers.TryGetValues("X-Business-Use-Case-Usage", out var usage))
        {
            try
            {
                using var doc = JsonDocument.Parse(usage.First());
                var minutes = doc.RootElement.EnumerateObject().SelectMany(p => p.Value.EnumerateArray())
                    .Select(u => u.TryGetProperty("estimated_time_to_regain_access", out var t) && t.TryGetInt32(out var m) ? m : 0).DefaultIfEmpty(0).Max();
                if (minutes > 0) return TimeSpan.FromMinutes(minutes);
            }
            catch (JsonException) { /* fall back to a minute */ }
        }
        return TimeSpan.FromMinutes(1);
    }

    public sealed record GraphError(int? Code, string Message);

    /// <summary>Graph's error body: {"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}.</summary>
    public static async Task<GraphError?> GraphErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await response.Content.LoadIntoBufferAsync(ct);
        try
        {
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            if (!doc.RootElement.TryGetProperty("error", out var error)) return null;
            var code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : (int?)null;
            return new GraphError(code, error.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
