using System.Text.Json.Nodes;
using SocialCrm.Contracts.Act;
using SocialCrm.Stages.Messaging;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Stages.Measure;

/// <summary>Runs the published measure workflow for each case the act stage finished.</summary>
public sealed class CaseActedConsumer(WorkflowHost workflows) : IStageHandler<CaseActed>
{
    public Task HandleAsync(CaseActed m, CancellationToken ct) =>
        workflows.StartAsync(StageWorkflows.Measure, m.CaseId.ToString(), new JsonObject
        {
            ["case"] = new JsonObject { ["id"] = m.CaseId.ToString(), ["action"] = m.Action, ["connectionRequested"] = m.ConnectionRequested },
            ["signal"] = new JsonObject { ["id"] = m.SignalId.ToString() },
            ["customer"] = new JsonObject { ["statusBefore"] = m.StatusBefore, ["statusAfter"] = m.StatusAfter },
        }, ct);
}
