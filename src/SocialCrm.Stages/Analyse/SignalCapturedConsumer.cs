using System.Text.Json.Nodes;
using SocialCrm.Contracts.Listen;
using SocialCrm.Stages.Messaging;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Stages.Analyse;

/// <summary>Runs the published analyse workflow for each captured signal.</summary>
public sealed class SignalCapturedConsumer(WorkflowHost workflows) : IStageHandler<SignalCaptured>
{
    public Task HandleAsync(SignalCaptured m, CancellationToken ct) =>
        workflows.StartAsync(StageWorkflows.Analyse, m.SignalId.ToString(), new JsonObject
        {
            ["signal"] = new JsonObject { ["id"] = m.SignalId.ToString(), ["platform"] = m.Platform, ["language"] = m.Language },
            ["customer"] = new JsonObject { ["id"] = m.CustomerId.ToString() },
            ["sentiment"] = new JsonObject { ["label"] = m.Sentiment, ["score"] = m.SentimentScore },
            ["intent"] = new JsonObject { ["label"] = m.Intent },
        }, ct);
}
