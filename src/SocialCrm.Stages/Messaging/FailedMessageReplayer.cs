using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Domain.Audit;
using SocialCrm.Persistence.Messaging;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Messaging;

/// <summary>
/// Puts a failed message back on the bus (through the outbox, with a new MessageId so the inbox lets it in), audited
/// with who did it in the same commit, whether from the console or the API.
/// </summary>
public sealed class FailedMessageReplayer(CrmDbContext db, OutboxSignal relay, AuditLog audit, TimeProvider clock)
{
    public Task<List<FailedMessage>> ListAsync(CancellationToken ct) =>
        db.FailedMessages.AsNoTracking().OrderByDescending(m => m.FailedAt).Take(500).ToListAsync(ct);

    public async Task<bool> ReplayAsync(Guid id, string actor, CancellationToken ct)
    {
        var failed = await db.FailedMessages.SingleOrDefaultAsync(m => m.Id == id && m.ReplayedAt == null, ct);
        if (failed is null) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        db.OutboxMessages.Add(new OutboxMessage { MessageType = failed.MessageType, Body = failed.Body, CreatedAt = now });
        failed.ReplayedAt = now;
        audit.Add(actor, AuditActions.MessageReplayed, id.ToString());
        await db.SaveChangesAsync(ct);
        relay.Notify();
        return true;
    }
}
