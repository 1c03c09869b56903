using System.Text.RegularExpressions;
using SocialCrm.Persistence;
using SocialCrm.Stages.Shared;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Listen.Activities;

/// <summary>Trims and folds white space, lower-cases platform and handle (platforms treat handles case-blind).</summary>
public sealed partial class NormaliseSignalActivity(CrmDbContext db) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "NormaliseSignal", "Normalises text, platform and author handle; Invalid when no text is left.", ["Valid", "Invalid"]) with { Writes = ["signal.text", "signal.author"] };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var signal = await db.SignalOf(context);
        signal.Text = Space().Replace(signal.Text, " ").Trim();
        signal.Platform = signal.Platform.Trim().ToLowerInvariant();
        signal.AuthorHandle = signal.AuthorHandle.Trim().TrimStart('@').ToLowerInvariant();
        context.Set("signal.text", signal.Text);
        context.Set("signal.author", signal.AuthorHandle);
        return ActivityResult.Completed(signal.Text.Length == 0 ? "Invalid" : "Valid");
    }
}
