using SocialCrm.Workflows.Expressions;

namespace SocialCrm.Workflows.Activities.Builtin;

/// <summary>Branches on a condition: outcome True or False.</summary>
public sealed class IfActivity : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "If", "Evaluates a condition and continues on True or False.", ["True", "False"],
        new InputDescriptor("condition", InputKind.Expression, true, "the condition, e.g. value.score >= 0.6")) with { Pure = true };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var value = Values.IsTruthy(context.Evaluate("condition"));
        return ActivityResult.CompletedTask(value ? "True" : "False");
    }
}
