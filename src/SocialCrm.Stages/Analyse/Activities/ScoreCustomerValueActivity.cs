using System.Text.Json;
using SocialCrm.Scoring.Value;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Analyse.Activities;

/// <summary>Is engaging worth the agent's time? Sets value.score (0..1), value.reasons, and value.features (kept with the brief for training).</summary>
public sealed class ScoreCustomerValueActivity(ICustomerValueScorer scorer) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "ScoreCustomerValue", "Scores the customer's value.", [ActivityResult.Done]) with { Writes = ["value.score", "value.reasons", "value.features", "models.value"] };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var features = ValueFeaturesOf.Read(context);
        var result = scorer.Score(features);
        context.Set("value.score", result.Score);
        context.Set("value.reasons", JsonSerializer.SerializeToNode(result.Reasons.Select(r => r.Reason)));
        context.Set("value.features", JsonSerializer.SerializeToNode(features, JsonSerializerOptions.Web));
        context.Set("models.value", scorer.ModelName);
        return ActivityResult.CompletedTask(detail: $"{result.Score:0.00}");
    }
}
