using System.Text.Json.Nodes;
using SocialCrm.Workflows.Activities;
using SocialCrm.Workflows.Execution;

namespace SocialCrm.Stages.Workflows.Backtest;

/// <summary>
/// Stands in, during a backtest, for an activity that is not pure: sets the variables that activity set when the case
/// was decided and ends with the outcome it ended with, without running it (so nothing is read, written or sent).
/// The recorded run is matched by activity type, so a draft may rename or move activities.
/// </summary>
public sealed class ReplayActivity : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create("Replay", "Replays a recorded activity in a backtest.", []);

    /// <summary>The journal of the recorded run being replayed.</summary>
    public IReadOnlyList<JournalEntry> Recording { get; set; } = [];

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var type = context.Activity.Descriptor.Type;
        var recorded = Recording.FirstOrDefault(e => e.ActivityType == type && e.Outcome is not null and not "Faulted" and not "Suspended")
            ?? throw new ReplayGapException($"its decision ran no {type} activity, so there is nothing to replay it from");
        if (recorded.Outputs is { } outputs)
            foreach (var (path, value) in outputs) context.Set(path, value?.DeepClone());
        else
            // Runs journalled before activities recorded their outputs: take what they set from the run's final variables.
            foreach (var path in context.Activity.Descriptor.Writes) context.Set(path, Final(path));
        return ActivityResult.CompletedTask(recorded.Outcome!, "replayed");
    }

    /// <summary>The recorded run's variables at its end (for runs journalled without outputs).</summary>
    public JsonObject FinalVariables { get; set; } = [];

    private JsonNode? Final(string path)
    {
        JsonNode? node = FinalVariables;
        foreach (var part in path.Split('.')) node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        return node?.DeepClone();
    }
}

/// <summary>The version needs an activity the recorded run never ran, so that case cannot be compared.</summary>
public sealed class ReplayGapException(string message) : Exception(message);
