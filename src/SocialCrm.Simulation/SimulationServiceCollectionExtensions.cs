using Microsoft.Extensions.DependencyInjection;

namespace SocialCrm.Simulation;

public static class SimulationServiceCollectionExtensions
{
    /// <summary>The simulated world and its runner; the background loop only when enabled.</summary>
    public static IServiceCollection AddSocialCrmSimulation(this IServiceCollection services, SimulationOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<SimulatedWorld>();
        services.AddSingleton<SimulationRunner>();
        if (options.Enabled) services.AddHostedService<SimulationHostedService>();
        return services;
    }
}
