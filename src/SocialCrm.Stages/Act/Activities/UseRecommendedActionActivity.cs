using SocialCrm.Domain.Cases;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Act.Activities;

/// <summary>Acts without an agent, as the brief recommends: the auto-reply path, and automatic agents in benchmarks.</summary>
public sealed class UseRecommendedActionActivity : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "UseRecommendedAction", "Takes the brief's recommendation as the action.", ["Reply"],
        new InputDescriptor("requestConnectionFromValue", InputKind.Number, false, "ask to connect when the value is at least this (default 0.5)"))
        with { Writes = WaitForAgentActivity.Descriptor.Writes };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var connect = context.Number("brief.value") >= (context.GetNumber("requestConnectionFromValue") ?? 0.5);
        WaitForAgentActivity.SetAction(context, "auto", AgentActions.Reply, context.Text("brief.replyKind"), context.Text("brief.draft"), connect);
        return ActivityResult.CompletedTask("Reply");
    }
}
