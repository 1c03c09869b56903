using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialCrm.Simulation;
using SocialCrm.Stages.Hosting;

namespace SocialCrm.Cli.Commands;

/// <summary>A SocialCrm process inside the CLI: the same wiring as the web host, without HTTP.</summary>
public static class CliHost
{
    public static async Task<IHost> CreateAsync(SocialCrmOptions options, SimulationOptions? simulation = null, CancellationToken ct = default)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Error)
            .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical); // concurrent key conflicts are retried by the bus
        builder.Services.AddSocialCrmWithStages(options);
        builder.Services.AddSocialCrmSimulation(simulation ?? new SimulationOptions());
        var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SocialCrmInitializer>().InitializeAsync(ct);
        return host;
    }
}
