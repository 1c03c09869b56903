using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Contracts.Act;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Stages.Act.Claim;
using SocialCrm.Stages.Act.Connections;
using SocialCrm.Stages.Act.Drafting;
using SocialCrm.Stages.Act.Sending;
using SocialCrm.Stages.Messaging;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Act.RecordAction;

public enum RecordActionStatus { Accepted, CaseNotFound, NotAwaitingAgent, HeldByOther, ConnectionNotAllowed, ReplyNotAllowed }

public sealed record RecordActionResult(RecordActionStatus Status, Guid? ActionId, string? Problem);

/// <summary>
/// Commits the agent's action with AgentActionRecorded; the act workflow resumes from the bus. Only the agent who
/// holds the case may act (acting on an unclaimed case claims it); a case takes one action, enforced by the store's
/// unique key, so of concurrent actions exactly one is accepted. The text and kind recorded are the ones sent: a reply
/// without text gets the draft of the kind chosen, never the other kind's draft under a new label.
/// </summary>
public sealed class RecordAgentActionHandler(CrmDbContext db, Outbox outbox, OutboxSignal relay, IValidator<AgentActionInput> validator,
    ClaimCaseHandler claims, ConnectionRules connections, ReplyRules replies, ReplyDrafter drafter, AuditLog audit, Assignment.AssignmentSignal assignment, TimeProvider clock)
{
    public async Task<RecordActionResult> HandleAsync(Guid caseId, AgentActionInput input, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(input, ct);
        var agent = input.Agent!;
        var claim = await claims.ClaimAsync(caseId, agent, ct);
        switch (claim.Status)
        {
            case ClaimStatus.CaseNotFound: return new(RecordActionStatus.CaseNotFound, null, claim.Problem);
            case ClaimStatus.HeldByOther: return new(RecordActionStatus.HeldByOther, null, claim.Problem);
            case ClaimStatus.NotAwaitingAgent: return new(RecordActionStatus.NotAwaitingAgent, null, claim.Problem);
        }

        var @case = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId, ct);
        string? kind = null, text = null;
        if (input.Action == AgentActions.Reply)
        {
            var brief = await db.CaseBriefs.AsNoTracking().Where(b => b.CaseId == caseId).Select(b => new { b.RecommendedReplyKind, b.DraftReply }).SingleOrDefaultAsync(ct);
            kind = input.ReplyKind ?? brief?.RecommendedReplyKind ?? ReplyKindResult.Standard;
            text = input.Text?.Trim()
                ?? (kind == brief?.RecommendedReplyKind && !string.IsNullOrEmpty(brief.DraftReply) ? brief.DraftReply : await drafter.DraftAsync(caseId, kind, ct));
            var signal = await db.Signals.AsNoTracking().SingleAsync(s => s.Id == @case.SignalId, ct);
            if (await replies.WhyNotAsync(signal, ct) is { } cannot)
                return new(RecordActionStatus.ReplyNotAllowed, null, $"the reply cannot be sent: {cannot}");
            if (input.RequestConnection && await connections.WhyNotAsync(@case.CustomerId, signal.Platform, ct) is { } why)
                return new(RecordActionStatus.ConnectionNotAllowed, null, $"no connection request: {why}");
        }

        var now = clock.GetUtcNow();
        var action = new AgentAction
        {
            CaseId = caseId, Agent = agent, Action = input.Action!, ReplyKind = kind, Text = text,
            RequestConnection = input.Action == AgentActions.Reply && input.RequestConnection, RecordedAt = now.UtcDateTime,
            IgnoreReason = input.Action == AgentActions.Ignore ? input.Reason?.Trim() : null,
        };
        db.AgentActions.Add(action);
        outbox.Add(new AgentActionRecorded(action.Id, caseId, now));
        audit.Add(agent, AuditActions.CaseActed, caseId.ToString(),
            action.Action == AgentActions.Reply ? $"{kind} reply{(action.RequestConnection ? " and a connection request" : "")}" : $"ignored: {action.IgnoreReason}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another action on this case committed first (the store's unique key on the case): this one is refused, nothing of it kept.
            db.ChangeTracker.Clear();
            if (await db.AgentActions.AnyAsync(a => a.CaseId == caseId && a.Id != action.Id, ct)) return AlreadyActed();
            throw;
        }
        relay.Notify();
        // The agent has room for one more: a waiting case can go to them now.
        assignment.Wake();
        return new(RecordActionStatus.Accepted, action.Id, null);
    }

    private static RecordActionResult AlreadyActed() =>
        new(RecordActionStatus.NotAwaitingAgent, null, "this case has been acted on already; the action is being carried out");
}
