namespace SocialCrm.Workflows.Activities.Builtin;

/// <summary>Sets a (dotted) variable to the value of an expression.</summary>
public sealed class SetVariableActivity : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "SetVariable", "Sets a variable to the value of an expression.", [ActivityResult.Done],
        new InputDescriptor("name", InputKind.String, true, "the variable, e.g. brief.decision"),
        new InputDescriptor("value", InputKind.Expression, true, "the expression whose value is stored")) with { WritesVariableNamedBy = "name", Pure = true };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = context.GetString("name")!;
        var value = context.Evaluate("value");
        context.Set(name, value);
        return ActivityResult.CompletedTask(detail: $"{name} = {Expressions.Values.Format(value)}");
    }
}
