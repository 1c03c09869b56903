using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Channels.Inbound;
using SocialCrm.Contracts.Listen;
using SocialCrm.Domain.Signals;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Messaging;

namespace SocialCrm.Stages.Listen.Webhooks;

/// <summary>What one delivery did: new signals, repeats of ones we have, edits, removals, and items left out with why.</summary>
public sealed record DeliveryResult(int Accepted, int Duplicates, int Edited, int Removed, int Skipped, IReadOnlyList<ItemProblem> Problems);

/// <summary>
/// Stores one webhook delivery (many items) in one transaction: returning means every item is committed, so the
/// platform may be told 200. (Platform, post id) keeps one signal per post, so retries and duplicates change
/// nothing; an edit replaces the text and keeps the earlier one as a revision; a removal marks the signal.
/// </summary>
public sealed class IngestDeliveryHandler(CrmDbContext db, Outbox outbox, OutboxSignal relay, StoreWriteGate gate, TimeProvider clock)
{
    /// <param name="strict">Refuse the whole delivery when an item is wrong (sources we integrate with); otherwise
    /// skip such items and store the rest (the platforms, which would retry a refusal for hours).</param>
    public async Task<DeliveryResult> HandleAsync(IReadOnlyList<InboundItem> delivered, bool strict, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var items = new List<InboundItem>(delivered.Count);
        var problems = new List<ItemProblem>();
        for (var i = 0; i < delivered.Count; i++)
        {
            var item = InboundItemCheck.Clean(delivered[i]);
            var found = InboundItemCheck.Problems(item, delivered.Count == 1 ? "$" : $"$[{i}]", now).ToList();
            if (found.Count == 0) items.Add(item);
            else problems.AddRange(found);
        }
        if (strict && problems.Count > 0)
            throw new ValidationException("the delivery has invalid items", problems.Select(p => new ValidationFailure(p.Path, p.Message)));

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ApplyAsync(items, delivered.Count - items.Count, problems, now, ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // A concurrent delivery of the same post committed first: read again, and this one becomes its duplicate.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<DeliveryResult> ApplyAsync(List<InboundItem> items, int skipped, List<ItemProblem> problems, DateTime now, CancellationToken ct)
    {
        var known = new Dictionary<(string, string), Signal>();
        foreach (var platform in items.Select(i => i.Platform).Distinct())
        {
            var ids = items.Where(i => i.Platform == platform).Select(i => i.PostId).Distinct().ToList();
            foreach (var s in await db.Signals.Where(s => s.Platform == platform && ids.Contains(s.PlatformPostId)).ToListAsync(ct))
                known[(s.Platform, s.PlatformPostId)] = s;
        }

        int accepted = 0, duplicates = 0, edited = 0, removed = 0;
        foreach (var item in items)
        {
            var key = (item.Platform, item.PostId);
            known.TryGetValue(key, out var signal);
            switch (item.Action)
            {
                case InboundAction.Add when signal is not null:
                    duplicates++;
                    break;
                case InboundAction.Edit when signal is not null:
                    if (signal.Text == item.Text) { duplicates++; break; }
                    db.SignalRevisions.Add(new SignalRevision { SignalId = signal.Id, Text = signal.Text, ReplacedAt = item.OccurredAt });
                    signal.Text = item.Text;
                    signal.EditedAt = item.OccurredAt;
                    edited++;
                    break;
                case InboundAction.Add or InboundAction.Edit:
                    // An edit of a post we never saw (its first delivery was lost or came before we subscribed) is a new post.
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
        if (db.ChangeTracker.HasChanges())
        {
            using var _ = await gate.EnterAsync(ct);
            await db.SaveChangesAsync(ct);
        }
        if (accepted > 0) relay.Notify();
        return new DeliveryResult(accepted, duplicates, edited, removed, skipped, problems);
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
