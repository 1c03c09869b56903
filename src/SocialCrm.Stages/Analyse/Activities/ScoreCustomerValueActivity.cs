using System.Text.Json;
using SocialCrm.Scoring.Value;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Analyse.Activities;

/// <summary>Is engaging worth the agent's time? Sets value.score (0..1) and value.reasons.</summary>
public sealed class ScoreCustomerValueActivity(ICustomerValueScorer scorer) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "ScoreCustomerValue", "Scores the customer's value.", [ActivityResult.Done]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        double Num(string path) => context.Number(path);
        var features = new CustomerValueFeatures(
            Num("customer.revenue"), Num("customer.tenureDays"), (int)Num("history.recentSignals"), (int)Num("history.recentComplaints"),
            (int)Num("customer.followers"), (int)Num("customer.status"), Num("sentiment.score"),
            context.Text("intent.label") ?? "other", context.Text("signal.platform") ?? "");
        var result = scorer.Score(features);
        context.Set("value.score", result.Score);
        context.Set("value.reasons", JsonSerializer.SerializeToNode(result.Reasons.Select(r => r.Reason)));
        context.Set("models.value", scorer.ModelName);
        return ActivityResult.CompletedTask(detail: $"{result.Score:0.00}");
    }
}
