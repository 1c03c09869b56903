namespace SocialCrm.Workflows.Activities;

/// <summary>
/// One step of a workflow. Implementations are resolved from the run's service provider, so they can take
/// scoped services; the engine itself knows nothing of stores or buses.
/// </summary>
public interface IActivity
{
    static abstract ActivityDescriptor Descriptor { get; }

    ValueTask<ActivityResult> ExecuteAsync(ActivityContext context);

    /// <summary>Called when a bookmark this activity created is resumed; the payload is what arrived.</summary>
    ValueTask<ActivityResult> ResumeAsync(ActivityContext context, System.Text.Json.Nodes.JsonObject payload) =>
        throw new InvalidOperationException($"{GetType().Name} does not wait, so it cannot be resumed");
}
