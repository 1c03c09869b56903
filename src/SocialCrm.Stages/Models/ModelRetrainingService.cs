using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SocialCrm.Stages.Models;

/// <summary>
/// The closed loop on a schedule (Models:RetrainEveryHours): retrains value and reply kind from the measured cases,
/// promoting each only when it beats the active one on held-out cases, then reloads the registry.
/// </summary>
public sealed class ModelRetrainingService(IServiceScopeFactory scopes, ModelSettings settings, ModelRegistry registry, TimeProvider clock,
    ILogger<ModelRetrainingService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(settings.RetrainEveryHours));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var version = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMddHHmmss");
                foreach (var result in await scope.ServiceProvider.GetRequiredService<ModelTraining>().TrainFromOutcomesAsync(version, stoppingToken))
                    log.LogInformation("scheduled training: {Summary}", result.Summary);
                await registry.RefreshAsync(stoppingToken);
            }
            catch (InvalidOperationException e)
            {
                log.LogInformation("scheduled training skipped: {Reason}", e.Message); // too few measured cases yet
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "scheduled training failed; the active models stay");
            }
        }
    }
}
