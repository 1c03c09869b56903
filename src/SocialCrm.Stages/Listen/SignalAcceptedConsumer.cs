using System.Text.Json.Nodes;
using SocialCrm.Contracts.Listen;
using SocialCrm.Stages.Messaging;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Stages.Listen;

/// <summary>Runs the published listen workflow for each accepted signal.</summary>
public sealed class SignalAcceptedConsumer(WorkflowHost workflows) : IStageHandler<SignalAccepted>
{
    public Task HandleAsync(SignalAccepted message, CancellationToken ct) =>
        workflows.StartAsync(StageWorkflows.Listen, message.SignalId.ToString(),
            new JsonObject { ["signal"] = new JsonObject { ["id"] = message.SignalId.ToString() } }, ct);
}
