using SocialCrm.Domain.Audit;
using SocialCrm.Stages.Workflows;
using SocialCrm.Stages.Workplace;
using SocialCrm.Web.Workplace;
using SocialCrm.Workflows.Definitions;

namespace SocialCrm.Web.Api;

public static class WorkflowEndpoints
{
    public static void MapWorkflowEndpoints(this RouteGroupBuilder api)
    {
        var workflows = api.MapGroup("/workflows").WithTags("Workflows").RequireAuthorization(Policies.Admins);

        workflows.MapGet("/", (WorkflowDefinitionStore store, CancellationToken ct) => store.PublishedAsync(ct))
            .WithSummary("The published version of each workflow");

        workflows.MapGet("/{definitionId}/versions", (string definitionId, WorkflowDefinitionStore store, CancellationToken ct) => store.VersionsAsync(definitionId, ct))
            .WithSummary("All versions of a workflow");

        workflows.MapPut("/{definitionId}/draft", async (string definitionId, HttpRequest request, HttpContext http, WorkflowDefinitionStore store, AuditLog audit, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var definition = WorkflowJson.Parse(await reader.ReadToEndAsync(ct));
            if (definition.DefinitionId != definitionId)
                throw new ArgumentException($"the body's definitionId '{definition.DefinitionId}' does not match the URL's '{definitionId}'");
            var (draft, errors) = await store.SaveDraftAsync(definition, http.User.Identity!.Name!, ct);
            await audit.WriteAsync(http.User.Identity!.Name!, AuditActions.WorkflowDraftSaved, $"{draft.DefinitionId} v{draft.Version}", errors.Count == 0 ? "valid" : $"{errors.Count} errors", ct);
            return Results.Ok(new { draft.DefinitionId, draft.Version, valid = errors.Count == 0, errors });
        })
        .WithSummary("Save an edit as a draft (a new version when the latest is published); answers with every validation error");

        workflows.MapPost("/{definitionId}/versions/{version:int}/publish", async (string definitionId, int version, HttpContext http, WorkflowDefinitionStore store, AuditLog audit, CancellationToken ct) =>
        {
            var published = await store.PublishAsync(definitionId, version, ct);
            await audit.WriteAsync(http.User.Identity!.Name!, AuditActions.WorkflowPublished, $"{definitionId} v{version}", null, ct);
            return Results.Ok(published);
        })
        .WithSummary("Validate and publish a version; running instances stay on theirs");

        workflows.MapPost("/{definitionId}/versions/{version:int}/revert", async (string definitionId, int version, HttpContext http, WorkflowDefinitionStore store, AuditLog audit, CancellationToken ct) =>
        {
            var draft = await store.RevertAsync(definitionId, version, ct);
            await audit.WriteAsync(http.User.Identity!.Name!, AuditActions.WorkflowReverted, $"{definitionId} v{version}", null, ct);
            return Results.Ok(draft);
        })
        .WithSummary("Make a new draft from an old version");
    }
}
