using System.Text.Json.Nodes;

namespace SocialCrm.Stages.Models;

public sealed record ModelVersionSummary(string Version, string Trainer, bool IsActive, DateTime TrainedAt, string TrainingData, JsonNode? Metrics);

public sealed record ModelSummary(string Kind, string InUse, IReadOnlyList<ModelVersionSummary> Versions);

/// <summary>The four analyse-phase models: the one the stages use now and every stored version with its held-out figures (the API and the console's overview).</summary>
public sealed class ModelOverview(ModelStore store, ModelRegistry registry)
{
    public async Task<List<ModelSummary>> ListAsync(CancellationToken ct)
    {
        var inUse = new Dictionary<string, string>
        {
            [ModelKinds.Sentiment] = registry.Sentiment.ModelName, [ModelKinds.Intent] = registry.Intent.ModelName,
            [ModelKinds.Value] = registry.Value.ModelName, [ModelKinds.ReplyKind] = registry.ReplyKind.ModelName,
        };
        var result = new List<ModelSummary>();
        foreach (var kind in ModelKinds.All)
        {
            var versions = await store.ListAsync(kind, ct);
            result.Add(new(kind, inUse[kind], versions.Select(v => new ModelVersionSummary(v.Version, v.Trainer, v.IsActive, v.TrainedAt, v.TrainingData, JsonNode.Parse(v.MetricsJson))).ToList()));
        }
        return result;
    }
}
