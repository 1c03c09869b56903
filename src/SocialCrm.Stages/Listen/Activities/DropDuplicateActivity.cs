using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Listen.Activities;

/// <summary>
/// Ingestion already keeps one signal per (platform, post id); this drops a signal that was captured before, so a
/// replayed message cannot make a second customer interaction or case.
/// </summary>
public sealed class DropDuplicateActivity : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "DropDuplicate", "Unique unless this signal was captured already.", ["Unique", "Duplicate"]);

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) =>
        ActivityResult.CompletedTask(context.Flag("signal.captured") ? "Duplicate" : "Unique");
}
