using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SocialCrm.Simulation;

/// <summary>Runs the simulated world in the background of a host, once a second.</summary>
public sealed class SimulationHostedService(SimulationRunner runner, SimulationOptions options, TimeProvider clock, ILogger<SimulationHostedService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var due = 0.0;
        var waveDue = 0.0;
        var started = clock.GetUtcNow();
        TopicWave? wave = null;
        if (options.Wave.Length > 0 && !TopicWaves.ByName.TryGetValue(options.Wave, out wave))
            log.LogError("Simulation:Wave '{Wave}' is not a wave: use {Waves} (or leave it empty)", options.Wave, string.Join(", ", TopicWaves.ByName.Keys));
        else if (wave is not null)
            log.LogInformation("simulated wave '{Wave}' from {Start:HH:mm} for {Minutes} min, {Rate} posts a minute", wave.Name,
                started.AddMinutes(options.WaveAfterMinutes), options.WaveMinutes, options.WavePostsPerMinute);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                for (due += options.SignalsPerMinute / 60.0; due >= 1; due--) await runner.PostSignalAsync(stoppingToken);
                var minutes = (clock.GetUtcNow() - started).TotalMinutes;
                if (wave is not null && minutes >= options.WaveAfterMinutes && minutes < options.WaveAfterMinutes + options.WaveMinutes)
                    for (waveDue += options.WavePostsPerMinute / 60.0; waveDue >= 1; waveDue--) await runner.PostWaveAsync(wave, stoppingToken);
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
