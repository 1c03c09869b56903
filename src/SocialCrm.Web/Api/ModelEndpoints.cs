using SocialCrm.Domain.Audit;
using SocialCrm.Stages.Models;
using SocialCrm.Stages.Workplace;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class ModelEndpoints
{
    public static void MapModelEndpoints(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models").WithTags("Trained models").RequireAuthorization(Policies.Staff);
        models.MapGet("/", (ModelOverview overview, CancellationToken ct) => overview.ListAsync(ct))
        .WithSummary("The four analyse-phase models: the one the stages use now and every stored version with its held-out figures");

        models.MapPost("/{kind}/versions/{version}/restore", async (string kind, string version, HttpContext http, ModelStore store, ModelRegistry registry, AuditLog audit, CancellationToken ct) =>
        {
            if (!ModelKinds.All.Contains(kind)) return Results.Problem($"unknown model kind '{kind}' (expected {string.Join(", ", ModelKinds.All)})", statusCode: StatusCodes.Status404NotFound);
            try { await store.RestoreAsync(kind, version, ct); }
            catch (KeyNotFoundException e) { return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound); }
            await registry.RefreshAsync(ct);
            await audit.WriteAsync(http.User.Identity!.Name!, AuditActions.ModelRestored, $"{kind} {version}", null, ct);
            return Results.NoContent();
        })
        .RequireAuthorization(Policies.Admins)
        .WithSummary("Make a stored version active again ('baseline' for none): the way back after a bad promotion");
    }
}
