using System.Text.Json.Nodes;
using SocialCrm.Contracts.Measure;
using SocialCrm.Stages.Messaging;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Stages.Measure.Outcomes;

/// <summary>
/// Wakes the measure workflow waiting on the case's outcome. Nothing waiting is fine: the wait reads outcomes
/// from the store when it starts, and a case already measured needs no more.
/// </summary>
public abstract class ResumeOnOutcome<T>(WorkflowHost workflows) : IStageHandler<T> where T : class
{
    protected abstract Guid CaseIdOf(T message);

    public Task HandleAsync(T message, CancellationToken ct) =>
        workflows.ResumeAsync(StageWorkflows.CaseOutcomeBookmark, CaseIdOf(message).ToString(), new JsonObject { ["event"] = typeof(T).Name }, ct);
}

public sealed class OutcomeSignalObservedConsumer(WorkflowHost workflows) : ResumeOnOutcome<OutcomeSignalObserved>(workflows)
{
    protected override Guid CaseIdOf(OutcomeSignalObserved message) => message.CaseId;
}

public sealed class ConnectionRequestAnsweredConsumer(WorkflowHost workflows) : ResumeOnOutcome<ConnectionRequestAnswered>(workflows)
{
    protected override Guid CaseIdOf(ConnectionRequestAnswered message) => message.CaseId;
}

public sealed class OutcomeWindowClosedConsumer(WorkflowHost workflows) : ResumeOnOutcome<OutcomeWindowClosed>(workflows)
{
    protected override Guid CaseIdOf(OutcomeWindowClosed message) => message.CaseId;
}
