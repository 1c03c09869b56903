using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Analyse.Activities;

/// <summary>Recommends a personalised or a standard reply: reply.kind and reply.reason.</summary>
public sealed class RecommendReplyKindActivity(IReplyKindAdvisor advisor) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "RecommendReplyKind", "Recommends a personalised or standard reply.", ["Personalised", "Standard"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var result = advisor.Recommend(
            context.Number("value.score"),
            (int)(context.Number("customer.status")),
            context.Text("intent.label") ?? "other",
            context.Text("sentiment.label") ?? "neutral",
            (int)(context.Number("customer.followers")));
        context.Set("reply.kind", result.Kind);
        context.Set("reply.reason", result.Reason);
        context.Set("models.replyKind", advisor.ModelName);
        return ActivityResult.CompletedTask(result.Kind == ReplyKindResult.Personalised ? "Personalised" : "Standard", result.Reason);
    }
}
