using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Persistence.Diagnostics;
using SocialCrm.Stages.Hosting;

namespace SocialCrm.Stages.Messaging;

/// <summary>
/// Keeps the outbox and inbox from growing without bound. An outbox row goes once it was published and handled (an
/// inbox row names it, or no stage consumes its type) or parked as a failed message, and is older than the
/// retention: until then the relay's redrive may still need it. An inbox row goes once it is older than the
/// retention and its outbox row is gone, so a redelivery of anything still in the outbox is always recognised.
/// Deleted in slices, so no transaction holds the store for long.
/// </summary>
public sealed class MessageRetention(IServiceScopeFactory scopes, StoreWriteGate gate, TimeProvider clock, SocialCrmOptions options, ILogger<MessageRetention> log)
    : BackgroundService
{
    private const int Slice = 2_000;
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    /// <summary>
    /// Whatever stages this process runs: a message of a type some stage consumes waits for that consumer's inbox row;
    /// one no stage consumes (an event for other systems) has nobody to wait for.
    /// </summary>
    private static readonly List<string> Consumed = StageBusExtensions.MessagesConsumedBy(new SocialCrmOptions()).Distinct().ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Retention.MessageHours <= 0) return;
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                var (outbox, inbox) = await PruneAsync(stoppingToken);
                if (outbox + inbox > 0) log.LogInformation("pruned {Outbox} delivered outbox rows and {Inbox} inbox rows older than {Hours} h", outbox, inbox, options.Retention.MessageHours);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "old outbox and inbox rows could not be pruned; trying again in {Minutes} minutes", Interval.TotalMinutes);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Deletes what the retention allows, slice by slice; answers how many outbox and inbox rows went.</summary>
    public async Task<(int Outbox, int Inbox)> PruneAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddHours(-options.Retention.MessageHours);
        var (outbox, inbox) = (0, 0);
        for (var more = true; more && !ct.IsCancellationRequested;)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            using var _ = await gate.EnterAsync(ct);
            var done = await db.OutboxMessages.TagWith(StoreTags.Maintenance + "retention")
                .Where(m => m.SentAt != null && m.SentAt < cutoff
                            && (!Consumed.Contains(m.MessageType) || db.InboxMessages.Any(i => i.MessageId == m.Id) || db.FailedMessages.Any(f => f.MessageId == m.Id)))
                .OrderBy(m => m.SentAt).Select(m => m.Id).Take(Slice).ToListAsync(ct);
            if (done.Count > 0) outbox += await db.OutboxMessages.Where(m => done.Contains(m.Id)).ExecuteDeleteAsync(ct);
            var handled = await db.InboxMessages.TagWith(StoreTags.Maintenance + "retention")
                .Where(i => i.ProcessedAt < cutoff && !db.OutboxMessages.Any(m => m.Id == i.MessageId))
                .OrderBy(i => i.ProcessedAt).Select(i => new { i.MessageId, i.Consumer }).Take(Slice).ToListAsync(ct);
            foreach (var group in handled.GroupBy(i => i.Consumer))
            {
                var ids = group.Select(i => i.MessageId).ToList();
                inbox += await db.InboxMessages.Where(i => i.Consumer == group.Key && ids.Contains(i.MessageId)).ExecuteDeleteAsync(ct);
            }
            more = done.Count == Slice || handled.Count == Slice;
        }
        return (outbox, inbox);
    }
}
