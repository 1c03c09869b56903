using System.Text.Json.Nodes;
using SocialCrm.Contracts.Analyse;
using SocialCrm.Stages.Messaging;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Stages.Act;

/// <summary>Runs the published act workflow for each prepared case.</summary>
public sealed class CaseBriefPreparedConsumer(WorkflowHost workflows) : IStageHandler<CaseBriefPrepared>
{
    public Task HandleAsync(CaseBriefPrepared m, CancellationToken ct) =>
        workflows.StartAsync(StageWorkflows.Act, m.CaseId.ToString(),
            new JsonObject { ["case"] = new JsonObject { ["id"] = m.CaseId.ToString() } }, ct);
}
