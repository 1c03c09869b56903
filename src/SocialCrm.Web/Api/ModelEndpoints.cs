using SocialCrm.Stages.Models;

namespace SocialCrm.Web.Api;

public static class ModelEndpoints
{
    public static void MapModelEndpoints(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models").WithTags("Models");
        models.MapGet("/", async (ModelStore store, ModelRegistry registry, CancellationToken ct) =>
        {
            var inUse = new Dictionary<string, string>
            {
                [ModelKinds.Sentiment] = registry.Sentiment.ModelName, [ModelKinds.Intent] = registry.Intent.ModelName,
                [ModelKinds.Value] = registry.Value.ModelName, [ModelKinds.ReplyKind] = registry.ReplyKind.ModelName,
            };
            var result = new List<object>();
            foreach (var kind in ModelKinds.All)
            {
                var versions = await store.ListAsync(kind, ct);
                result.Add(new
                {
                    kind, inUse = inUse[kind],
                    versions = versions.Select(v => new { v.Version, v.Trainer, v.IsActive, v.TrainedAt, v.TrainingData, metrics = System.Text.Json.Nodes.JsonNode.Parse(v.MetricsJson) }),
                });
            }
            return Results.Ok(result);
        })
        .WithSummary("The four analyse-phase models: the one the stages use now and every stored version with its held-out figures");

        models.MapPost("/{kind}/versions/{version}/restore", async (string kind, string version, ModelStore store, ModelRegistry registry, CancellationToken ct) =>
        {
            if (!ModelKinds.All.Contains(kind)) return Results.Problem($"unknown model kind '{kind}' (expected {string.Join(", ", ModelKinds.All)})", statusCode: StatusCodes.Status404NotFound);
            try { await store.RestoreAsync(kind, version, ct); }
            catch (KeyNotFoundException e) { return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound); }
            await registry.RefreshAsync(ct);
            return Results.NoContent();
        })
        .WithSummary("Make a stored version active again ('baseline' for none): the way back after a bad promotion");
    }
}
