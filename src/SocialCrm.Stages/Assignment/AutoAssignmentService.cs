using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialCrm.Stages.Notifications;

namespace SocialCrm.Stages.Assignment;

public sealed class AssignmentOptions
{
    /// <summary>Whether this process runs auto-assignment rounds (where it runs the act stage); which queues use it is a setting.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between rounds of auto-assignment when nothing in this process woke it sooner.</summary>
    public double IntervalSeconds { get; set; } = 2;
}

/// <summary>Runs auto-assignment in rounds: every few seconds, and at once when an agent becomes available or a case's holder acts. Also warns holders of SLAs about to pass.</summary>
public sealed class AutoAssignmentService(IServiceScopeFactory scopes, AssignmentSignal signal, AssignmentOptions options, ILogger<AutoAssignmentService> log) : BackgroundService
{
    /// <summary>How often held cases are checked for an SLA within 15 minutes (and their holders told).</summary>
    private static readonly TimeSpan SlaCheckEvery = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Clamp(options.IntervalSeconds, 0.1, 300));
        var slaChecked = DateTime.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (DateTime.UtcNow - slaChecked > SlaCheckEvery)
                {
                    slaChecked = DateTime.UtcNow;
                    await scope.ServiceProvider.GetRequiredService<SlaWarnings>().NotifyDueSoonAsync(stoppingToken);
                }
                var assigned = await scope.ServiceProvider.GetRequiredService<AutoAssigner>().AssignWaitingAsync(stoppingToken);
                // A full round: there may be more waiting behind it.
                if (assigned > 0) continue;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                log.LogWarning(e, "Auto-assignment failed this round; the waiting cases stay in their queues until the next");
            }
            try { await signal.WaitAsync(interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }
}
