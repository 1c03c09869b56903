using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Analyse.Activities;

/// <summary>
/// Priority 1 (urgent) to 4 (low) and the SLA due time (case.priority, case.slaDueAt): urgent for an unhappy
/// complaint from a valuable or loud customer, high for other complaints and negative posts, normal for
/// questions and requests, low for the rest.
/// </summary>
public sealed class SetPriorityActivity(TimeProvider clock) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "SetPriority", "Sets priority and the SLA due time.", [ActivityResult.Done],
        new InputDescriptor("urgentMinutes", InputKind.Number, false, "SLA for priority 1 (default settings.slaUrgentMinutes)"),
        new InputDescriptor("highMinutes", InputKind.Number, false, "SLA for priority 2 (default settings.slaHighMinutes)"),
        new InputDescriptor("normalMinutes", InputKind.Number, false, "SLA for priority 3 (default settings.slaNormalMinutes)"),
        new InputDescriptor("lowMinutes", InputKind.Number, false, "SLA for priority 4 (default settings.slaLowMinutes)")) with { Writes = ["case.priority", "case.slaDueAt"], Pure = true };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var intent = context.Text("intent.label");
        var negative = context.Text("sentiment.label") == "negative";
        var value = context.Number("value.score");
        var followers = context.Number("customer.followers");
        var priority =
            intent == "complaint" && negative && (value >= 0.5 || followers >= 10_000) ? 1
            : intent == "complaint" || negative ? 2
            : intent is "question" or "request" ? 3
            : 4;
        var minutes = priority switch
        {
            1 => context.GetNumber("urgentMinutes") ?? Setting(context, "slaUrgentMinutes", 60),
            2 => context.GetNumber("highMinutes") ?? Setting(context, "slaHighMinutes", 240),
            3 => context.GetNumber("normalMinutes") ?? Setting(context, "slaNormalMinutes", 480),
            _ => context.GetNumber("lowMinutes") ?? Setting(context, "slaLowMinutes", 1440),
        };
        context.Set("case.priority", priority);
        context.Set("case.slaDueAt", clock.GetUtcNow().UtcDateTime.AddMinutes(minutes));
        return ActivityResult.CompletedTask(detail: $"P{priority}, {minutes:0} min");
    }

    private static double Setting(ActivityContext context, string name, double fallback) =>
        context.Get($"settings.{name}") is null ? fallback : context.Number($"settings.{name}");
}
