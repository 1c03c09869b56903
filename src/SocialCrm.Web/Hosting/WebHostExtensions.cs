using MassTransit;
using SocialCrm.Simulation;
using SocialCrm.Stages.Hosting;
using SocialCrm.Web.Api;

namespace SocialCrm.Web.Hosting;

public static class WebHostExtensions
{
    /// <summary>Everything the web host runs: the stages on one bus, the API with its OpenAPI document, the simulator.</summary>
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
    }

    public static WebApplication MapSocialCrmWeb(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapOpenApi();
        var api = app.MapGroup("/api");
        api.MapSignalEndpoints();
        api.MapCaseEndpoints();
        api.MapSandboxEndpoints();
        api.MapReportEndpoints();
        api.MapWorkflowEndpoints();
        api.MapFailedMessageEndpoints();
        api.MapModelEndpoints();
        return app;
    }
}
