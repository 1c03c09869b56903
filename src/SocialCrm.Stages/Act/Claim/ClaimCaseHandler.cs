using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Act.Claim;

public enum ClaimStatus { Claimed, Released, CaseNotFound, HeldByOther, NotAwaitingAgent, NotHeld }

public sealed record ClaimResult(ClaimStatus Status, string? Holder, string? Problem);

/// <summary>
/// An agent claims a case before working it; others see who holds it and cannot act on it. The claim is one
/// conditional update, so of two agents claiming at once exactly one gets the case.
/// </summary>
public sealed class ClaimCaseHandler(CrmDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<ClaimResult> ClaimAsync(Guid caseId, string agent, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = await db.Cases.Where(c => c.Id == caseId && c.Status == CaseStatus.AwaitingAgent && c.AssignedAgent == null && !db.AgentActions.Any(a => a.CaseId == c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AssignedAgent, agent).SetProperty(c => c.ClaimedAt, now), ct);
        if (claimed == 1)
        {
            await audit.WriteAsync(agent, AuditActions.CaseClaimed, caseId.ToString(), null, ct);
            return new(ClaimStatus.Claimed, agent, null);
        }
        var refusal = await RefusalAsync(caseId, agent, ct);
        if (refusal is null) return new(ClaimStatus.Claimed, agent, null);
        // Released between the update and the read: try again.
        return refusal.Status == ClaimStatus.NotHeld ? await ClaimAsync(caseId, agent, ct) : refusal;
    }

    public async Task<ClaimResult> ReleaseAsync(Guid caseId, string agent, CancellationToken ct)
    {
        // Once the holder has acted, the case stays theirs: the action is on its way.
        var released = await db.Cases.Where(c => c.Id == caseId && c.Status == CaseStatus.AwaitingAgent && c.AssignedAgent == agent && !db.AgentActions.Any(a => a.CaseId == c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AssignedAgent, (string?)null).SetProperty(c => c.ClaimedAt, (DateTime?)null), ct);
        if (released == 1)
        {
            db.CaseEvents.Add(new CaseEvent { CaseId = caseId, Kind = CaseEventKinds.Released, Actor = agent, At = clock.GetUtcNow().UtcDateTime });
            await audit.WriteAsync(agent, AuditActions.CaseReleased, caseId.ToString(), null, ct);
            return new(ClaimStatus.Released, null, null);
        }
        var refusal = await RefusalAsync(caseId, agent, ct);
        return refusal ?? new(ClaimStatus.NotHeld, null, "you do not hold this case");
    }

    /// <summary>Why this agent cannot have the case, or null when the agent holds it.</summary>
    public async Task<ClaimResult?> RefusalAsync(Guid caseId, string agent, CancellationToken ct)
    {
        var @case = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.Status, c.AssignedAgent }).SingleOrDefaultAsync(ct);
        if (@case is null) return new(ClaimStatus.CaseNotFound, null, $"there is no case {caseId}");
        if (@case.AssignedAgent is { } holder && holder != agent)
            return new(ClaimStatus.HeldByOther, holder, $"this case is held by {holder}; only the holder can act on it");
        if (@case.Status != CaseStatus.AwaitingAgent)
            return new(ClaimStatus.NotAwaitingAgent, @case.AssignedAgent, $"this case is {@case.Status.Replace('_', ' ')}, not awaiting an agent");
        if (await db.AgentActions.AnyAsync(a => a.CaseId == caseId, ct))
            return new(ClaimStatus.NotAwaitingAgent, @case.AssignedAgent, "this case has been acted on already; the action is being carried out");
        return @case.AssignedAgent == agent ? null : new(ClaimStatus.NotHeld, null, null);
    }
}
