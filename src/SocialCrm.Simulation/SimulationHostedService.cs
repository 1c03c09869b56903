using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SocialCrm.Simulation;

/// <summary>Runs the simulated world in the background of a host, once a second.</summary>
public sealed class SimulationHostedService(SimulationRunner runner, SimulationOptions options, ILogger<SimulationHostedService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var due = 0.0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                for (due += options.SignalsPerMinute / 60.0; due >= 1; due--) await runner.PostSignalAsync(stoppingToken);
                await runner.SyncCustomersAsync(stoppingToken);
                await runner.ActAsAgentsAsync(stoppingToken);
                await runner.ActAsCustomersAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "simulation tick failed; going on");
            }
        }
    }
}
