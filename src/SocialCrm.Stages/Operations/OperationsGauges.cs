using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialCrm.Persistence;
using SocialCrm.Stages.Messaging;

namespace SocialCrm.Stages.Operations;

/// <summary>
/// The backlog an operator alerts on, as OpenTelemetry gauges: the outbox waiting for the relay and the age of its
/// oldest row, the failed messages waiting for a replay, the stage queues' depth and consumers. Read from the store and
/// the broker every 15 s in the background, so a scrape (which may come often, from several scrapers) costs nothing.
/// Added only when metrics are exported.
/// </summary>
public sealed class OperationsGauges(IServiceScopeFactory scopes, QueueDepths queues, TimeProvider clock, ILogger<OperationsGauges> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(15);
    public const string MeterName = StageMetrics.MeterName + ".Gauges";
    private readonly Meter _meter = new(MeterName);
    private volatile Reading _last = new(0, 0, 0, []);

    private sealed record Reading(long Backlog, double OldestSeconds, long Parked, IReadOnlyList<QueueDepth> Queues);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _meter.CreateObservableGauge("socialcrm.outbox.backlog", () => _last.Backlog, "{message}", "Outbox rows waiting for a relay");
        _meter.CreateObservableGauge("socialcrm.outbox.oldest.age", () => _last.OldestSeconds, "s", "Age of the oldest outbox row waiting for a relay (0 when none waits)");
        _meter.CreateObservableGauge("socialcrm.messages.parked", () => _last.Parked, "{message}", "Failed messages waiting for an admin's replay");
        _meter.CreateObservableGauge("socialcrm.queue.depth", () => _last.Queues.Select(q => new Measurement<long>(q.Messages, new KeyValuePair<string, object?>("queue", q.Queue))), "{message}", "Messages waiting in a stage queue");
        _meter.CreateObservableGauge("socialcrm.queue.consumers", () => _last.Queues.Select(q => new Measurement<long>(q.Consumers, new KeyValuePair<string, object?>("queue", q.Queue))), "{consumer}", "Processes consuming a stage queue");
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
                var backlog = await db.OutboxMessages.AsNoTracking().CountAsync(m => m.SentAt == null, stoppingToken);
                var oldest = backlog == 0 ? null : await db.OutboxMessages.AsNoTracking().Where(m => m.SentAt == null).MinAsync(m => (DateTime?)m.CreatedAt, stoppingToken);
                var parked = await db.FailedMessages.AsNoTracking().CountAsync(f => f.ReplayedAt == null, stoppingToken);
                var (depths, _) = await queues.ReadAsync(stoppingToken);
                _last = new Reading(backlog, oldest is { } o ? (clock.GetUtcNow().UtcDateTime - o).TotalSeconds : 0, parked, depths);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A store outage: the gauges keep their last reading, and the health check says the store is down.
                log.LogDebug(e, "the operations gauges could not be read");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }
}
