using Microsoft.EntityFrameworkCore;
using SocialCrm.Contracts.Measure;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Stages.Messaging;

namespace SocialCrm.Stages.Measure.AnswerConnection;

public enum AnswerStatus { Recorded, NotFound, AlreadyAnswered }

/// <summary>Records a customer's answer to a connection request (from a platform webhook, or the simulator).</summary>
public sealed class AnswerConnectionRequestHandler(CrmDbContext db, Outbox outbox, OutboxSignal relay, TimeProvider clock)
{
    public async Task<AnswerStatus> HandleAsync(Guid requestId, bool accepted, CancellationToken ct)
    {
        var request = await db.OutgoingMessages.SingleOrDefaultAsync(m => m.Id == requestId && m.Kind == OutgoingKinds.ConnectionRequest, ct);
        if (request is null) return AnswerStatus.NotFound;
        if (request.Answer != ConnectionAnswers.Pending) return AnswerStatus.AlreadyAnswered;
        var now = clock.GetUtcNow();
        request.Answer = accepted ? ConnectionAnswers.Accepted : ConnectionAnswers.Declined;
        request.AnsweredAt = now.UtcDateTime;
        outbox.Add(new ConnectionRequestAnswered(request.CaseId, request.Id, accepted, now));
        await db.SaveChangesAsync(ct);
        relay.Notify();
        return AnswerStatus.Recorded;
    }
}
