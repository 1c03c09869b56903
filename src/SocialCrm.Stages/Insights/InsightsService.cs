using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SocialCrm.Stages.Insights;

/// <summary>
/// Keeps the topics current and the alerts coming: every CheckMinutes it places new posts in the topics (or
/// recomputes them, every RecomputeMinutes) and checks every topic for a spike.
/// </summary>
public sealed class InsightsService(IServiceScopeFactory scopes, InsightsOptions options, TimeProvider clock, ILogger<InsightsService> log) : BackgroundService
{
    private DateTime _lastRecompute = DateTime.MinValue;
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.CheckMinutes), clock);
        do
        {
            try
            {
                await RunOnceAsync(force: false, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "topics and alerts could not be brought up to date; trying again in {Minutes} min", options.CheckMinutes);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One round: recompute (when due, or forced) or place new posts, then check for spikes.</summary>
    public async Task<RecomputeResult?> RunOnceAsync(bool force, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var topics = scope.ServiceProvider.GetRequiredService<TopicRecomputation>();
            RecomputeResult? result = null;
            var now = clock.GetUtcNow().UtcDateTime;
            if (force || now - _lastRecompute >= TimeSpan.FromMinutes(options.RecomputeMinutes))
            {
                result = await topics.RunAsync(ct);
                _lastRecompute = now;
            }
            else await topics.PlaceNewAsync(ct);
            await scope.ServiceProvider.GetRequiredService<SpikeAlerts>().CheckAsync(ct);
            await scope.ServiceProvider.GetRequiredService<AlertWebhookSender>().SendDueAsync(ct);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }
}
