using Scalar.AspNetCore;
using MassTransit;
using Radzen;
using SocialCrm.Persistence;
using SocialCrm.ServiceDefaults;
using SocialCrm.Simulation;
using SocialCrm.Stages.Hosting;
using SocialCrm.Web.Api;
using SocialCrm.Web.Components;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Hosting;

public static class WebHostExtensions
{
    /// <summary>Everything the web host runs: the stages on one bus, sign-in, the console, the API with its OpenAPI document, the simulator.</summary>
    public static WebApplicationBuilder AddSocialCrmWeb(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SocialCrmOptions.Section);
        var options = builder.Configuration.GetSocialCrmOptions();
        var simulation = section.GetSection("Simulation").Get<SimulationOptions>() ?? new SimulationOptions();

        builder.Services.AddSocialCrmWithStages(options);
        builder.Services.AddSocialCrmSimulation(simulation);
        builder.Services.AddSocialCrmSignIn(section.GetSection("DataProtection").Get<KeyProtectionOptions>() ?? new KeyProtectionOptions(), options.Database);
        builder.Services.AddSocialCrmTransportSecurity(section.GetSection("ForwardedHeaders"));
        var limits = section.GetSection("Limits").Get<RequestLimitOptions>() ?? new RequestLimitOptions();
        builder.Services.AddSingleton(limits);
        builder.Services.AddSocialCrmRequestLimits(limits);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddRadzenComponents();
        builder.Services.AddSingleton<SocialCrm.Web.Components.Studio.DraftCheck>();
        builder.AddSocialCrmServiceDefaults();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer<BearerTokenDocument>());
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    private const string NotFoundHtml = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Not found · SocialCrm</title><link rel="stylesheet" href="/app.css"></head>
        <body><main class="plain"><div class="signin"><h1>Not found</h1><p>There is no such page or case.</p><p><a href="/">Go to the overview</a> or back to the <a href="/inbox">inbox</a>.</p></div></main></body></html>
        """;

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/webhooks");

    public static async Task InitializeSocialCrmAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SocialCrmInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
        await scope.ServiceProvider.GetRequiredService<DemoUsers>().CreateOnFirstStartAsync(app.Lifetime.ApplicationStopping);
    }

    public static WebApplication MapSocialCrmWeb(this WebApplication app)
    {
        app.UseSocialCrmTransportSecurity();
        app.UseExceptionHandler();
        // The API answers a bare status with problem details; a page that does not exist gets the console's "not found" page.
        app.UseWhen(http => IsApi(http.Request.Path), api => api.UseStatusCodePages());
        app.UseWhen(http => !IsApi(http.Request.Path), pages => pages.UseStatusCodePages(async context =>
        {
            if (context.HttpContext.Response.StatusCode != StatusCodes.Status404NotFound) return;
            context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
            await context.HttpContext.Response.WriteAsync(NotFoundHtml);
        }));
        app.UseAuthentication();
        app.UseMiddleware<SecurityStampCheck>();
        app.UseRateLimiter();
        app.UseSocialCrmBodyLimit(app.Services.GetRequiredService<RequestLimitOptions>());
        app.UseAuthorization();
        app.UseEntryTextCheck();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapSocialCrmDefaultEndpoints();
        app.MapOpenApi().RequireAuthorization(Policies.Staff);
        // The API reference for staff who integrate (back office, listening tools): the OpenAPI document, readable and tried out.
        // No vendor toolbar, AI chat or telemetry: the page runs inside a company's network and calls nobody.
        app.MapScalarApiReference("/api/reference", scalar => scalar
                .WithTitle("SocialCrm API")
                .AddPreferredSecuritySchemes(BearerTokenDocument.SchemeName)
                .HideDeveloperTools()
                .DisableAgent()
                .DisableMcp()
                .DisableTelemetry()
                .HideClientButton())
            .RequireAuthorization(Policies.Staff);
        var api = app.MapGroup("/api");
        api.MapAuthEndpoints(app);
        api.MapSignalEndpoints();
        api.MapCaseEndpoints();
        api.MapMeEndpoints();
        api.MapNotificationEndpoints();
        api.MapAgentEndpoints();
        api.MapSearchEndpoints();
        api.MapMacroEndpoints();
        api.MapSandboxEndpoints();
        api.MapReportEndpoints();
        api.MapInsightsEndpoints();
        api.MapWorkflowEndpoints();
        api.MapSettingsEndpoints();
        api.MapTemplateEndpoints();
        api.MapFailedMessageEndpoints();
        api.MapOperationsEndpoints();
        api.MapModelEndpoints();
        api.MapUserEndpoints();
        api.MapAuditEndpoints();
        api.MapCustomerEndpoints();
        app.MapWebhookEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
