using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SocialCrm.Persistence.Diagnostics;
using SocialCrm.Stages.Messaging;
using SocialCrm.Stages.Operations;
using SocialCrm.Workflows.Execution;

namespace SocialCrm.ServiceDefaults.Telemetry;

/// <summary>
/// Metrics and traces through OpenTelemetry: the product's own meters (stages, workflow activities, store commands),
/// MassTransit's, ASP.NET Core's and outgoing HTTP. Exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set,
/// and scraped at /metrics when SocialCrm:Telemetry:Prometheus is true (off by default: the scrape is anonymous,
/// as scrapers do not sign in, so keep the port off the public network).
/// </summary>
public static class TelemetryExtensions
{
    public const string Section = "SocialCrm:Telemetry";

    private static bool Prometheus(IConfiguration configuration) => configuration.GetValue<bool>($"{Section}:Prometheus");

    public static IHostApplicationBuilder AddSocialCrmTelemetry(this IHostApplicationBuilder builder)
    {
        var prometheus = Prometheus(builder.Configuration);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        // Nothing listens unless something exports: measuring costs each handler and request a little.
        if (!prometheus && !otlp) return builder;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("socialcrm"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(StageMetrics.MeterName, OperationsGauges.MeterName, WorkflowMetrics.MeterName, StoreCommandCounter.MeterName, "MassTransit")
                    .AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (prometheus) metrics.AddPrometheusExporter();
            })
            .WithTracing(tracing => tracing.AddSource("MassTransit", StageMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        // The logs go with the traces, each line with its scope (a stage message's signal and case ids).
        if (otlp) telemetry.WithLogging(configureBuilder: null, configureOptions: logs => { logs.IncludeScopes = true; logs.IncludeFormattedMessage = true; }).UseOtlpExporter();
        builder.Services.AddHostedService<OperationsGauges>();
        return builder;
    }

    public static WebApplication MapSocialCrmTelemetry(this WebApplication app)
    {
        if (Prometheus(app.Configuration)) app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
