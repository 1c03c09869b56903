using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SocialCrm.Persistence;

namespace SocialCrm.ServiceDefaults.Health;

/// <summary>
/// Liveness and readiness as the ASP.NET Core conventions have them: <c>/alive</c> answers while the process does
/// (a probe that fails restarts it), <c>/health</c> only while the store answers and the bus is connected (a probe
/// that fails takes it out of the load balancer until it recovers). Both anonymous, so they name each check and
/// its state but no detail of the failure.
/// </summary>
public static class HealthEndpoints
{
    private const string Live = "live";

    /// <summary>The checks: the process itself (live), the store; MassTransit adds its bus (tagged "ready") itself.</summary>
    public static IServiceCollection AddSocialCrmHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), [Live])
            .AddDbContextCheck<CrmDbContext>("store", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapSocialCrmHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Live), ResponseWriter = WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync }).AllowAnonymous();
        return app;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1) }),
        }, JsonSerializerOptions.Web, http.RequestAborted);
    }
}
