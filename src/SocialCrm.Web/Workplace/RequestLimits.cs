using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;

namespace SocialCrm.Web.Workplace;

/// <summary>How many API requests a signed-in user, and an anonymous address, may make a minute (section SocialCrm:Limits).</summary>
public sealed class RequestLimitOptions
{
    public int RequestsPerMinutePerUser { get; set; } = 1200;
    /// <summary>Anonymous callers reach only sign-in and the token endpoint: this caps password guessing per address.</summary>
    public int AnonymousRequestsPerMinutePerAddress { get; set; } = 60;
    /// <summary>The largest body the API takes (webhooks have their own, Channels:MaxBodyBytes).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>
/// ASP.NET Core's rate limiter on the API and the sign-in form: per user when signed in, per address when not, each
/// a fixed window of a minute. Webhooks are left out (signed, and the platforms send in bursts), as are the console's
/// own connection and files. A refusal is a 429 with Retry-After and says when to come back.
/// </summary>
public static class RequestLimits
{
    public static IServiceCollection AddSocialCrmRequestLimits(this IServiceCollection services, RequestLimitOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var path = http.Request.Path;
                if (!path.StartsWithSegments("/api") && !path.StartsWithSegments("/account")) return RateLimitPartition.GetNoLimiter("unlimited");
                var user = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;
                return user is not null
                    ? RateLimitPartition.GetFixedWindowLimiter("user:" + user, _ => Window(options.RequestsPerMinutePerUser))
                    : RateLimitPartition.GetFixedWindowLimiter("address:" + http.Connection.RemoteIpAddress, _ => Window(options.AnonymousRequestsPerMinutePerAddress));
            });
            limiter.OnRejected = async (context, ct) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                await Results.Problem($"too many requests: try again in {wait} seconds", statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
            };
        });

    /// <summary>
    /// A body larger than the API takes is refused before it is read: 413 naming the limit when the size is declared,
    /// and the server stops reading at the limit when it is not (Kestrel then answers 413 the same way).
    /// </summary>
    public static IApplicationBuilder UseSocialCrmBodyLimit(this IApplicationBuilder app, RequestLimitOptions options) =>
        app.Use(async (http, next) =>
        {
            if (!http.Request.Path.StartsWithSegments("/api") && !http.Request.Path.StartsWithSegments("/account"))
            {
                await next(http);
                return;
            }
            if (http.Request.ContentLength > options.MaxRequestBodyBytes)
            {
                await Results.Problem($"the body is {http.Request.ContentLength:N0} bytes; at most {options.MaxRequestBodyBytes:N0} are taken",
                    statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(http);
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = options.MaxRequestBodyBytes;
            await next(http);
        });

    private static FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };
}
