using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialCrm.Contracts.Measure;
using SocialCrm.Persistence;
using SocialCrm.Stages.Messaging;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Stages.Measure.Outcomes;

/// <summary>
/// Turns due outcome deadlines into OutcomeWindowClosed messages. Each due bookmark is claimed (its DueAt cleared)
/// in the same transaction as the outbox row, so it fires once even with several workers.
/// </summary>
public sealed class BookmarkTimeoutService(IServiceScopeFactory scopes, OutboxSignal relay, TimeProvider clock, ILogger<BookmarkTimeoutService> log)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await FireDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "outcome deadlines could not be checked; retrying");
            }
        }
    }

    public async Task<int> FireDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.WorkflowBookmarks.AsNoTracking()
            .Where(b => b.Name == StageWorkflows.CaseOutcomeBookmark && b.DueAt != null && b.DueAt <= now)
            .Select(b => new { b.Id, b.CorrelationId }).Take(200).ToListAsync(ct);
        var fired = 0;
        foreach (var bookmark in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.WorkflowBookmarks.Where(b => b.Id == bookmark.Id && b.DueAt != null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.DueAt, (DateTime?)null), ct);
            if (claimed == 0) continue;
            outbox.Add(new OutcomeWindowClosed(Guid.Parse(bookmark.CorrelationId), clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            fired++;
        }
        if (fired > 0) relay.Notify();
        return fired;
    }
}
