using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SocialCrm.Contracts.Act;
using SocialCrm.Stages.Messaging;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Stages.Act;

/// <summary>Resumes the act workflow waiting for this case's agent action.</summary>
public sealed class AgentActionRecordedConsumer(WorkflowHost workflows, ILogger<AgentActionRecordedConsumer> log)
    : IStageHandler<AgentActionRecorded>
{
    public async Task HandleAsync(AgentActionRecorded m, CancellationToken ct)
    {
        var resumed = await workflows.ResumeAsync(StageWorkflows.AgentActionBookmark, m.CaseId.ToString(),
            new JsonObject { ["actionId"] = m.ActionId.ToString() }, ct);
        if (resumed is null) log.LogWarning("agent action {ActionId}: case {CaseId} is not waiting for an agent", m.ActionId, m.CaseId);
    }
}
