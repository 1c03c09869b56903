using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using SocialCrm.Channels.Meta;
using SocialCrm.Channels.Outbound;
using SocialCrm.Channels.X;

namespace SocialCrm.Channels;

public static class ChannelServiceCollectionExtensions
{
    /// <summary>
    /// The platforms' send APIs whose tokens are configured, each on an HttpClient with the standard resilience
    /// handler: retries with jittered backoff on 5xx and timeouts, and on a rate-limit answer a wait for as long as
    /// the platform says (X's x-rate-limit-reset, Graph's throttling codes) when that is short; a longer one is not
    /// retried inline but re-queued by the dispatcher until then. Platforms without a token keep the sandbox.
    /// </summary>
    public static IServiceCollection AddPlatformClients(this IServiceCollection services, ChannelOptions options)
    {
        services.AddSingleton(options.Meta);
        services.AddSingleton(options.X);
        services.AddSingleton<PlatformDirectory>();
        var maxWait = TimeSpan.FromSeconds(options.MaxInlineWaitSeconds);
        if (options.Meta.Sends)
        {
            services.AddHttpClient<MetaGraphClient>(c => c.BaseAddress = new Uri(WithSlash(options.Meta.GraphBaseUrl)))
                .AddStandardResilienceHandler(o => Configure(o, maxWait, (r, ct) => RateLimits.GraphWaitAsync(r, ct)));
            services.AddTransient<IPlatformClient>(sp => sp.GetRequiredService<MetaGraphClient>());
            services.AddTransient<IInboundLookup, MentionReader>();
        }
        if (options.X.Sends)
        {
            services.AddHttpClient<XApiClient>(c => c.BaseAddress = new Uri(WithSlash(options.X.ApiBaseUrl)))
                .AddStandardResilienceHandler(o => Configure(o, maxWait, (r, _) => Task.FromResult(RateLimits.XWait(r, DateTimeOffset.UtcNow))));
            services.AddTransient<IPlatformClient>(sp => sp.GetRequiredService<XApiClient>());
        }
        return services;
    }

    private static string WithSlash(string url) => url.EndsWith('/') ? url : url + "/";

    private static void Configure(HttpStandardResilienceOptions o, TimeSpan maxWait, Func<HttpResponseMessage, CancellationToken, Task<TimeSpan?>> rateLimitWait)
    {
        o.Retry.MaxRetryAttempts = 4;
        o.Retry.BackoffType = DelayBackoffType.Exponential;
        o.Retry.UseJitter = true;
        o.Retry.Delay = TimeSpan.FromMilliseconds(500);
        o.Retry.ShouldHandle = async args =>
        {
            if (args.Outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
                return true;
            if (args.Outcome.Result is not { } response) return false;
            if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout) return true;
            // A rate limit is waited out here only when it lifts soon; otherwise the message waits in the queue.
            return await rateLimitWait(response, args.Context.CancellationToken) is { } wait && wait <= maxWait;
        };
        o.Retry.DelayGenerator = async args =>
            args.Outcome.Result is { } response && await rateLimitWait(response, args.Context.CancellationToken) is { } wait ? wait : null;
        o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
        o.TotalRequestTimeout.Timeout = maxWait * 2 + TimeSpan.FromSeconds(60);
        o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
    }
}
