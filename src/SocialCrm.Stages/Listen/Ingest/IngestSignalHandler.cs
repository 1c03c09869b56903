using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Contracts.Listen;
using SocialCrm.Domain.Signals;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Messaging;

namespace SocialCrm.Stages.Listen.Ingest;

/// <summary>
/// Accepts a signal: validates it, and commits the signal with its SignalAccepted message in one transaction.
/// Returning means committed. The same (platform, post id) twice gives the first signal back, marked duplicate.
/// </summary>
public sealed class IngestSignalHandler(CrmDbContext db, Outbox outbox, OutboxSignal relay, IValidator<SignalInput> validator, StoreWriteGate gate,
    TimeProvider clock)
{
    public async Task<IngestResult> HandleAsync(SignalInput input, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(input, ct);
        var platform = input.Platform!.Trim().ToLowerInvariant();
        var postId = input.PostId!.Trim();

        var existing = await FindAsync(platform, postId, ct);
        if (existing is not null) return new IngestResult(existing.Value, Duplicate: true);

        var now = clock.GetUtcNow();
        var signal = new Signal
        {
            Platform = platform,
            PlatformPostId = postId,
            Kind = input.Kind ?? SignalKinds.Post,
            AuthorHandle = input.AuthorHandle!,
            AuthorName = input.AuthorName,
            AuthorFollowers = input.AuthorFollowers ?? 0,
            Text = input.Text!,
            Language = input.Language,
            PostedAt = input.PostedAt!.Value.UtcDateTime,
            Url = input.Url,
            InReplyToPostId = input.InReplyToPostId,
            ReceivedAt = now.UtcDateTime,
        };
        db.Signals.Add(signal);
        outbox.Add(new SignalAccepted(signal.Id, now));
        try
        {
            using var _ = await gate.EnterAsync(ct);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request may have committed the same post between our check and our insert.
            db.ChangeTracker.Clear();
            if (await FindAsync(platform, postId, ct) is { } raced) return new IngestResult(raced, Duplicate: true);
            throw;
        }
        relay.Notify();
        return new IngestResult(signal.Id, Duplicate: false);
    }

    private Task<Guid?> FindAsync(string platform, string postId, CancellationToken ct) =>
        db.Signals.AsNoTracking().Where(s => s.Platform == platform && s.PlatformPostId == postId).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(ct);
}
