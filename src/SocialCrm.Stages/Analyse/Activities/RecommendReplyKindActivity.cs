using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Analyse.Activities;

/// <summary>
/// Recommends a personalised or a standard reply (reply.kind, reply.reason, reply.gain), spending the agents' daily
/// budget of personalised replies on the cases where the advisor expects them to gain most.
/// </summary>
public sealed class RecommendReplyKindActivity(IReplyKindAdvisor advisor, ReplyBudgetTracker budgets, TimeProvider clock) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "RecommendReplyKind", "Recommends a personalised or standard reply.", ["Personalised", "Standard"],
        new InputDescriptor("personalisedPerDay", InputKind.Number, false, "personalised replies the agents can write a day, 0 for no limit (default settings.personalisedRepliesPerDay)")) with { Writes = ["reply.kind", "reply.reason", "reply.gain", "models.replyKind"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var advice = advisor.Recommend(ValueFeaturesOf.Read(context), context.Number("value.score"));
        var perDay = (int)(context.GetNumber("personalisedPerDay") ?? context.Number("settings.personalisedRepliesPerDay"));
        var (budget, used) = await budgets.TodayAsync(perDay, context.CancellationToken);
        var personalise = budget.Personalise(advice, used, clock.GetUtcNow().UtcDateTime.TimeOfDay / TimeSpan.FromDays(1));
        var reason = personalise || advice.Kind == ReplyKindResult.Standard ? advice.Reason
            : used >= budget.PerDay ? $"{advice.Reason}; but the day's budget of {budget.PerDay} personalised replies is spent"
            : $"{advice.Reason}; below the day's bar of {budget.Threshold * 100:0} points for a personalised reply";
        var kind = personalise ? ReplyKindResult.Personalised : ReplyKindResult.Standard;
        context.Set("reply.kind", kind);
        context.Set("reply.reason", reason);
        context.Set("reply.gain", advice.Gain);
        context.Set("models.replyKind", advisor.ModelName);
        return ActivityResult.Completed(personalise ? "Personalised" : "Standard", reason);
    }
}
