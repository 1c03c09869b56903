using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Contracts.Act;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Stages.Messaging;

namespace SocialCrm.Stages.Act.RecordAction;

public enum RecordActionStatus { Accepted, CaseNotFound, NotAwaitingAgent }

public sealed record RecordActionResult(RecordActionStatus Status, Guid? ActionId, string? Problem);

/// <summary>Commits the agent's action with AgentActionRecorded; the act workflow resumes from the bus.</summary>
public sealed class RecordAgentActionHandler(CrmDbContext db, Outbox outbox, OutboxSignal relay, IValidator<AgentActionInput> validator, TimeProvider clock)
{
    public async Task<RecordActionResult> HandleAsync(Guid caseId, AgentActionInput input, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(input, ct);
        var @case = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return new(RecordActionStatus.CaseNotFound, null, $"no case {caseId}");
        if (@case.Status != CaseStatus.AwaitingAgent)
            return new(RecordActionStatus.NotAwaitingAgent, null, $"case {caseId} is {@case.Status}, not awaiting an agent");
        if (await db.AgentActions.AnyAsync(a => a.CaseId == caseId, ct))
            return new(RecordActionStatus.NotAwaitingAgent, null, $"case {caseId} already has an agent action being carried out");

        var now = clock.GetUtcNow();
        var action = new AgentAction
        {
            CaseId = caseId, Agent = input.Agent!, Action = input.Action!, ReplyKind = input.ReplyKind, Text = input.Text?.Trim(),
            RequestConnection = input.RequestConnection, RecordedAt = now.UtcDateTime,
        };
        db.AgentActions.Add(action);
        outbox.Add(new AgentActionRecorded(action.Id, caseId, now));
        await db.SaveChangesAsync(ct);
        relay.Notify();
        return new(RecordActionStatus.Accepted, action.Id, null);
    }
}
