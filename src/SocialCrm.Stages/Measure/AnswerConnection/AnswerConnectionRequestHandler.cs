using Microsoft.EntityFrameworkCore;
using SocialCrm.Contracts.Measure;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Messaging;

namespace SocialCrm.Stages.Measure.AnswerConnection;

public enum AnswerStatus { Recorded, NotFound, AlreadyAnswered }

/// <summary>
/// Records a customer's answer to a connection request (from a platform webhook, or the simulator). The first answer
/// wins: it is recorded by a conditional update on a pending request, so of two concurrent answers exactly one is
/// recorded and the other is told it came too late; the message to the measure stage commits with it.
/// </summary>
public sealed class AnswerConnectionRequestHandler(CrmDbContext db, Outbox outbox, OutboxSignal relay, StoreWriteGate gate, TimeProvider clock)
{
    public async Task<AnswerStatus> HandleAsync(Guid requestId, bool accepted, CancellationToken ct)
    {
        var caseId = await db.OutgoingMessages.AsNoTracking().Where(m => m.Id == requestId && m.Kind == OutgoingKinds.ConnectionRequest)
            .Select(m => (Guid?)m.CaseId).SingleOrDefaultAsync(ct);
        if (caseId is null) return AnswerStatus.NotFound;
        var now = clock.GetUtcNow();
        var answer = accepted ? ConnectionAnswers.Accepted : ConnectionAnswers.Declined;
        using (await gate.EnterAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var recorded = await db.OutgoingMessages.Where(m => m.Id == requestId && m.Answer == ConnectionAnswers.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Answer, answer).SetProperty(m => m.AnsweredAt, now.UtcDateTime), ct);
            if (recorded == 0) return AnswerStatus.AlreadyAnswered;
            outbox.Add(new ConnectionRequestAnswered(caseId.Value, requestId, accepted, now));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        relay.Notify();
        return AnswerStatus.Recorded;
    }
}
