using System.Text.Json.Nodes;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Tests.Engine;

/// <summary>Appends its id to the variable "trail" and ends with the outcome given as input.</summary>
public sealed class EmitActivity : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "Emit", "test: records itself, ends with an outcome", ["Done", "Left", "Right"],
        new InputDescriptor("outcome", InputKind.String, false, "the outcome"));

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        context.Set("trail", (context.Text("trail") ?? "") + context.ActivityId + ";");
        return ActivityResult.CompletedTask(context.GetString("outcome") ?? "Done");
    }
}

/// <summary>Waits on a bookmark named by its input, correlated by the instance's correlation id.</summary>
public sealed class WaitActivity : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "Wait", "test: waits for a message", ["Done"],
        new InputDescriptor("bookmark", InputKind.String, true, "what it waits for"));

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ValueTask.FromResult(ActivityResult.Suspend(new BookmarkRequest(context.GetString("bookmark")!, context.CorrelationId)));

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, JsonObject payload)
    {
        context.Set("received", payload["value"]?.DeepClone());
        return ActivityResult.CompletedTask();
    }
}
