using MassTransit;
using Radzen;
using SocialCrm.Persistence;
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
        var options = section.Get<SocialCrmOptions>() ?? new SocialCrmOptions();
        var simulation = section.GetSection("Simulation").Get<SimulationOptions>() ?? new SimulationOptions();

        builder.Services.AddSocialCrm(options);
        builder.Services.AddSocialCrmSimulation(simulation);
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddSocialCrmStages(options);
            bus.UseSocialCrmTransport(options.Bus);
        });
        builder.Services.AddSocialCrmSignIn();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddRadzenComponents();
        builder.Services.AddHealthChecks().AddDbContextCheck<CrmDbContext>("store");
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        return builder;
    }

    public static async Task InitializeSocialCrmAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SocialCrmInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
        await scope.ServiceProvider.GetRequiredService<DemoUsers>().CreateOnFirstStartAsync(app.Lifetime.ApplicationStopping);
    }

    public static WebApplication MapSocialCrmWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseMiddleware<SecurityStampCheck>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().RequireAuthorization(Policies.Staff);
        var api = app.MapGroup("/api");
        api.MapAuthEndpoints(app);
        api.MapSignalEndpoints();
        api.MapCaseEndpoints();
        api.MapSandboxEndpoints();
        api.MapReportEndpoints();
        api.MapWorkflowEndpoints();
        api.MapFailedMessageEndpoints();
        api.MapModelEndpoints();
        api.MapUserEndpoints();
        api.MapAuditEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
