using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Workplace;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Persistence.Workplace;
using SocialCrm.Stages.Notifications;
using SocialCrm.Stages.Settings;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Assignment;

public sealed record TransferInput(string? Agent, string? Queue, string? Note);

public enum TransferStatus { Done, Invalid, CaseNotFound, NotAllowed, NotOpen }

public sealed record TransferResult(TransferStatus Status, string? Problem, string? Agent = null, string? Queue = null);

/// <summary>
/// An admin or the case's holder hands an open case to another agent, another queue, or both, with a note. To a queue
/// alone, the case waits there unassigned (and auto-assignment takes it if the queue has it). Audited and on the timeline.
/// </summary>
public sealed class TransferCaseHandler(CrmDbContext db, AuditLog audit, NotificationCenter notifications, StoreWriteGate gate, AssignmentSignal signal, TimeProvider clock)
{
    public const int MaxNote = 2000;

    public async Task<TransferResult> TransferAsync(Guid caseId, TransferInput input, string actor, bool isAdmin, CancellationToken ct)
    {
        var agent = string.IsNullOrWhiteSpace(input.Agent) ? null : input.Agent.Trim();
        var queue = string.IsNullOrWhiteSpace(input.Queue) ? null : input.Queue.Trim();
        var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        if (agent is null && queue is null) return new(TransferStatus.Invalid, "name the agent or the queue (or both) to transfer the case to");
        if (queue is not null && !QueueNames.IsValid(queue)) return new(TransferStatus.Invalid, $"'{queue}' is not a queue name (1 to 64 lower-case letters, digits or dashes)");
        if (note is { Length: > MaxNote }) return new(TransferStatus.Invalid, $"the note is {note.Length:N0} characters long; at most {MaxNote:N0} are taken");
        if (agent is not null && !await ActiveAgents.IsAsync(db, agent, ct)) return new(TransferStatus.Invalid, $"'{agent}' is not an active agent");

        using var _ = await gate.EnterAsync(ct, intake: true);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var @case = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return new(TransferStatus.CaseNotFound, $"there is no case {caseId}");
        if (!isAdmin && @case.AssignedAgent != actor)
            return new(TransferStatus.NotAllowed, @case.AssignedAgent is null ? "only an admin can transfer a case nobody holds; claim it first" : $"this case is held by {@case.AssignedAgent}; only they or an admin can transfer it");
        if (@case.Status != CaseStatus.AwaitingAgent || await db.AgentActions.AnyAsync(a => a.CaseId == caseId, ct))
            return new(TransferStatus.NotOpen, "this case has been acted on already; there is nothing left to transfer");
        if (agent == @case.AssignedAgent && (queue is null || queue == @case.Queue))
            return new(TransferStatus.Invalid, agent is null ? $"the case is in queue {queue} already" : $"{agent} holds the case already");

        var now = clock.GetUtcNow().UtcDateTime;
        var (from, fromQueue) = (@case.AssignedAgent, @case.Queue);
        var toQueue = queue ?? fromQueue;
        // Only if nobody claimed, acted on or moved it since it was read.
        var moved = await db.Cases.Where(c => c.Id == caseId && c.Status == CaseStatus.AwaitingAgent && c.AssignedAgent == from && c.Queue == fromQueue && !db.AgentActions.Any(a => a.CaseId == c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Queue, toQueue).SetProperty(c => c.AssignedAgent, agent).SetProperty(c => c.ClaimedAt, agent == null ? null : now), ct);
        if (moved == 0) return new(TransferStatus.NotOpen, "the case changed while it was being transferred; open it again");
        // The note stays on the case's timeline, where an erasure can reach it; the append-only audit trail records only that there was one.
        db.CaseEvents.Add(new CaseEvent { CaseId = caseId, Kind = CaseEventKinds.Transferred, Actor = actor, Agent = agent, Queue = toQueue == fromQueue ? null : toQueue, Text = note, At = now });
        var to = string.Join(", ", new[] { agent is null ? null : $"agent {agent}", toQueue == fromQueue ? null : $"queue {toQueue}" }.OfType<string>());
        audit.Add(actor, AuditActions.CaseTransferred, caseId.ToString(), $"from {from ?? "nobody"} in {fromQueue} to {(to.Length == 0 ? $"the {fromQueue} queue, unassigned" : to)}" + (note is null ? "" : " with a note"));
        if (agent is not null && agent != actor)
            notifications.Add(agent, NotificationKinds.Assigned, caseId, $"{actor} transferred a case to you" + (note is null ? "" : $": {note}"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (agent is null) signal.Wake();
        return new(TransferStatus.Done, null, agent, toQueue);
    }
}
