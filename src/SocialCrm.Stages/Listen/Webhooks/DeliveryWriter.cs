using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Channels.Inbound;
using SocialCrm.Contracts.Listen;
using SocialCrm.Domain.Signals;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Messaging;

namespace SocialCrm.Stages.Listen.Webhooks;

/// <summary>What one delivery changed.</summary>
public sealed record DeliveryCounts(int Accepted = 0, int Duplicates = 0, int Edited = 0, int Removed = 0);

/// <summary>
/// Writes checked deliveries in one transaction. (Platform, post id) keeps one signal per post, so retries and
/// duplicates change nothing; an edit replaces the text and keeps the earlier one as a revision; a removal marks
/// the signal; an edit of a post never seen is a new post.
/// </summary>
public sealed class DeliveryWriter(CrmDbContext db, Outbox outbox, OutboxSignal relay, StoreWriteGate gate, TimeProvider clock)
{
    /// <param name="traces">each delivery's request trace, carried by its signals' outbox rows (see DeliveryCommitter)</param>
    public async Task<DeliveryCounts[]> WriteAsync(IReadOnlyList<IReadOnlyList<InboundItem>> deliveries, CancellationToken ct, IReadOnlyList<Activity?>? traces = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var all = deliveries.SelectMany(d => d).ToList();
        var known = new Dictionary<(string, string), Signal>();
        foreach (var platform in all.Select(i => i.Platform).Distinct())
        {
            var ids = all.Where(i => i.Platform == platform).Select(i => i.PostId).Distinct().ToList();
            foreach (var s in await db.Signals.Where(s => s.Platform == platform && ids.Contains(s.PlatformPostId)).ToListAsync(ct))
                known[(s.Platform, s.PlatformPostId)] = s;
        }

        var counts = new DeliveryCounts[deliveries.Count];
        var anyAccepted = false;
        for (var d = 0; d < deliveries.Count; d++)
        {
            int accepted = 0, duplicates = 0, edited = 0, removed = 0;
            if (traces is not null) Activity.Current = StageTraces.Running(traces[d]);
            foreach (var item in deliveries[d])
            {
                var key = (item.Platform, item.PostId);
                known.TryGetValue(key, out var signal);
                switch (item.Action)
                {
                    case InboundAction.Add when signal is not null:
                        duplicates++;
                        break;
                    case InboundAction.Edit when signal is not null:
                        // A retried older edit arriving after a newer one changes nothing.
                        if (signal.Text == item.Text || signal.EditedAt is { } last && item.OccurredAt <= last) { duplicates++; break; }
                        db.SignalRevisions.Add(new SignalRevision { SignalId = signal.Id, Text = signal.Text, ReplacedAt = item.OccurredAt });
                        signal.Text = item.Text;
                        signal.EditedAt = item.OccurredAt;
                        edited++;
                        break;
                    case InboundAction.Add or InboundAction.Edit:
                        known[key] = Add(item, now);
                        accepted++;
                        break;
                    case InboundAction.Remove when signal is { RemovedAt: null }:
                        signal.RemovedAt = item.OccurredAt;
                        removed++;
                        break;
                    case InboundAction.Remove:
                        duplicates++;
                        break;
                }
            }
            counts[d] = new DeliveryCounts(accepted, duplicates, edited, removed);
            anyAccepted |= accepted > 0;
        }
        if (db.ChangeTracker.HasChanges())
        {
            using var _ = await gate.EnterAsync(ct, intake: true);
            await db.SaveChangesAsync(ct);
        }
        if (anyAccepted) relay.Notify();
        return counts;
    }

    private Signal Add(InboundItem item, DateTime now)
    {
        var signal = new Signal
        {
            Platform = item.Platform,
            PlatformPostId = item.PostId,
            Kind = item.Kind,
            AuthorPlatformId = item.AuthorId,
            AuthorHandle = item.AuthorHandle,
            AuthorName = item.AuthorName,
            AuthorFollowers = item.AuthorFollowers,
            Text = item.Text,
            Language = item.Language,
            PostedAt = item.OccurredAt,
            Url = item.Url,
            InReplyToPostId = item.InReplyToPostId,
            ReceivedAt = now,
        };
        db.Signals.Add(signal);
        outbox.Add(new SignalAccepted(signal.Id, new DateTimeOffset(now)));
        return signal;
    }
}
