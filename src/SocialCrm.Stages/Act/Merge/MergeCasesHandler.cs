using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Stages.Act.RecordAction;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Act.Merge;

public sealed record MergeCasesInput(Guid? Into, string? Reason);

public enum MergeStatus { Merged, Invalid, NotFound, NotAllowed, Conflict }

public sealed record MergeResult(MergeStatus Status, string? Problem, Guid? Into = null);

/// <summary>
/// Two cases of one customer about one matter become one: the merged case closes (it is ignored with "merged into"
/// as the reason, so its workflow ends and the measure stage counts it as handled by the other), points to the one it
/// went into, and both timelines say who merged them and why. The case merged into keeps working as before.
/// </summary>
public sealed class MergeCasesHandler(CrmDbContext db, RecordAgentActionHandler actions, AuditLog audit, TimeProvider clock)
{
    public const int MaxReason = 500;

    public async Task<MergeResult> MergeAsync(Guid caseId, MergeCasesInput input, string actor, CancellationToken ct)
    {
        if (input.Into is not { } intoId) return new(MergeStatus.Invalid, "name the case to merge this one into: {\"into\": \"<case id>\", \"reason\": \"...\"}");
        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return new(MergeStatus.Invalid, "say why the two cases are one matter (the reason is on both timelines)");
        if (reason.Length > MaxReason) return new(MergeStatus.Invalid, $"the reason is {reason.Length} characters long; at most {MaxReason} are taken");
        if (intoId == caseId) return new(MergeStatus.Invalid, "a case cannot be merged into itself");
        var cases = await db.Cases.AsNoTracking().Where(c => c.Id == caseId || c.Id == intoId).ToListAsync(ct);
        var from = cases.SingleOrDefault(c => c.Id == caseId);
        var into = cases.SingleOrDefault(c => c.Id == intoId);
        if (from is null) return new(MergeStatus.NotFound, $"there is no case {caseId}");
        if (into is null) return new(MergeStatus.NotFound, $"there is no case {intoId} to merge into");
        if (from.CustomerId != into.CustomerId) return new(MergeStatus.Invalid, "the two cases are of different customers: merge the customers first if they are one person");
        if (into.MergedIntoCaseId is not null) return new(MergeStatus.Invalid, $"case {intoId} was itself merged into case {into.MergedIntoCaseId}: merge into that one");

        // Closing it is an agent's action on it, with all that action's checks (the holder only, not acted on yet).
        var closed = await actions.HandleAsync(caseId, new AgentActionInput { Agent = actor, Action = AgentActions.Ignore, Reason = $"merged into case {intoId}: {reason}" }, ct);
        switch (closed.Status)
        {
            case RecordActionStatus.Accepted: break;
            case RecordActionStatus.CaseNotFound: return new(MergeStatus.NotFound, closed.Problem);
            case RecordActionStatus.HeldByOther: return new(MergeStatus.NotAllowed, closed.Problem);
            default: return new(MergeStatus.Conflict, closed.Problem);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Cases.Where(c => c.Id == caseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.MergedIntoCaseId, intoId), ct);
        db.CaseEvents.Add(new CaseEvent { CaseId = caseId, Kind = CaseEventKinds.Merged, Actor = actor, OtherCaseId = intoId, Text = reason, At = now });
        db.CaseEvents.Add(new CaseEvent { CaseId = intoId, Kind = CaseEventKinds.MergedIn, Actor = actor, OtherCaseId = caseId, Text = reason, At = now });
        audit.Add(actor, AuditActions.CaseMerged, caseId.ToString(), $"into case {intoId}");
        await db.SaveChangesAsync(ct);
        return new(MergeStatus.Merged, null, intoId);
    }
}
