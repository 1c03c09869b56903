using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Messaging;

namespace SocialCrm.Stages.Messaging;

/// <summary>Puts a failed message back on the bus (through the outbox, with a new MessageId so the inbox lets it in).</summary>
public sealed class FailedMessageReplayer(CrmDbContext db, OutboxSignal relay, TimeProvider clock)
{
    public Task<List<FailedMessage>> ListAsync(CancellationToken ct) =>
        db.FailedMessages.AsNoTracking().OrderByDescending(m => m.FailedAt).Take(500).ToListAsync(ct);

    public async Task<bool> ReplayAsync(Guid id, CancellationToken ct)
    {
        var failed = await db.FailedMessages.SingleOrDefaultAsync(m => m.Id == id && m.ReplayedAt == null, ct);
        if (failed is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        db.OutboxMessages.Add(new OutboxMessage { MessageType = failed.MessageType, Body = failed.Body, CreatedAt = now });
        failed.ReplayedAt = now;
        await db.SaveChangesAsync(ct);
        relay.Notify();
        return true;
    }
}
