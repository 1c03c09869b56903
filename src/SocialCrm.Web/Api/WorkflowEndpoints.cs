using SocialCrm.Stages.Workflows;
using SocialCrm.Stages.Workflows.Backtest;
using SocialCrm.Web.Workplace;
using SocialCrm.Workflows.Definitions;

namespace SocialCrm.Web.Api;

public static class WorkflowEndpoints
{
    public static void MapWorkflowEndpoints(this RouteGroupBuilder api)
    {
        var workflows = api.MapGroup("/workflows").WithTags("Workflows").RequireAuthorization(Policies.Admins);

        workflows.MapGet("/", async (WorkflowDefinitionStore store, CancellationToken ct) =>
                (await store.PublishedAsync(ct)).Select(WorkflowVersionView.Of))
            .WithSummary("The version of each stage workflow that runs now");

        workflows.MapGet("/{definitionId}/versions", async (string definitionId, WorkflowDefinitionStore store, CancellationToken ct) =>
                (await store.VersionsAsync(definitionId, ct)).Select(WorkflowVersionView.Of))
            .WithSummary("Every version of a workflow, oldest first: who made and published each, and the draft if there is one");

        workflows.MapGet("/{definitionId}/versions/{version:int}", async (string definitionId, int version, WorkflowDefinitionStore store, CancellationToken ct) =>
                WorkflowVersionView.Of(await store.VersionAsync(definitionId, version, ct)))
            .WithSummary("One version of a workflow");

        workflows.MapPut("/{definitionId}/draft", async (string definitionId, HttpRequest request, HttpContext http, WorkflowDefinitionStore store, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var definition = WorkflowJson.Parse(await reader.ReadToEndAsync(ct));
            if (definition.DefinitionId != definitionId)
                throw new ArgumentException($"the body's definitionId '{definition.DefinitionId}' does not match the URL's '{definitionId}'");
            var (draft, errors) = await store.SaveDraftAsync(definition, http.User.Identity!.Name!, ct);
            return Results.Ok(new { draft.DefinitionId, draft.Version, valid = errors.Count == 0, errors });
        })
        .WithSummary("Save an edit into the workflow's draft (made when there is none); a draft with errors is kept marked invalid, with every error");

        workflows.MapDelete("/{definitionId}/draft", async (string definitionId, HttpContext http, WorkflowDefinitionStore store, CancellationToken ct) =>
        {
            await store.DiscardDraftAsync(definitionId, http.User.Identity!.Name!, ct);
            return Results.NoContent();
        })
        .WithSummary("Throw the draft away");

        workflows.MapPost("/{definitionId}/versions/{version:int}/publish", async (string definitionId, int version, WorkflowComment? body, HttpContext http, WorkflowDefinitionStore store, CancellationToken ct) =>
        {
            var published = await store.PublishAsync(definitionId, version, http.User.Identity!.Name!, body?.Comment, ct);
            return Results.Ok(WorkflowVersionView.Of(published));
        })
        .WithSummary("Validate a version and make it the one the stage runs; running instances stay on theirs. Optional body: {\"comment\"}");

        workflows.MapPost("/{definitionId}/versions/{version:int}/revert", async (string definitionId, int version, WorkflowComment? body, HttpContext http, WorkflowDefinitionStore store, CancellationToken ct) =>
        {
            var draft = await store.RevertAsync(definitionId, version, http.User.Identity!.Name!, body?.Comment, ct);
            return Results.Ok(WorkflowVersionView.Of(draft));
        })
        .WithSummary("Put an old version's content into the draft (publish the draft to make it live). Optional body: {\"comment\"}");

        workflows.MapPost("/{definitionId}/versions/{version:int}/backtest", (string definitionId, int version, BacktestRequest? body, WorkflowBacktest backtest, CancellationToken ct) =>
                backtest.RunAsync(definitionId, version, body?.Signals ?? BacktestRequest.DefaultSignals, body?.Settings, ct))
            .WithSummary("Run a version (a draft or any other) of the analyse workflow against the last N analysed signals, writing and sending nothing, and compare its decisions with those taken: {\"signals\": N} (default 1000); add {\"settings\": {\"vipValue\": 0.5}} to try settings changes too");
    }
}

/// <summary>How many of the last analysed signals a backtest replays.</summary>
public sealed record BacktestRequest(int? Signals, System.Text.Json.Nodes.JsonObject? Settings = null)
{
    public const int DefaultSignals = 1000;
}

/// <summary>An optional note on a publish or revert, kept in the audit trail (and on the version when publishing the draft).</summary>
public sealed record WorkflowComment(string? Comment);
