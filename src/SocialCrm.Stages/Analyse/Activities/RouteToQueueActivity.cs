using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Analyse.Activities;

/// <summary>Routes the case to a queue (case.queue): vip above a value, otherwise by intent.</summary>
public sealed class RouteToQueueActivity : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "RouteToQueue", "Routes the case to an agent queue.", [ActivityResult.Done],
        new InputDescriptor("vipValue", InputKind.Number, false, "value from which a case goes to the vip queue (default settings.vipValue)")) with { Writes = ["case.queue"], Pure = true };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var value = context.Number("value.score");
        var queue = value >= (context.GetNumber("vipValue") ?? (context.Get("settings.vipValue") is null ? 0.7 : context.Number("settings.vipValue")))
            ? "vip"
            : context.Text("intent.label") switch
            {
                "complaint" => "complaints",
                "question" or "request" => "support",
                _ => "social",
            };
        context.Set("case.queue", queue);
        return ActivityResult.CompletedTask(detail: queue);
    }
}
