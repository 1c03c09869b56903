using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Listen.Activities;

/// <summary>Loads the accepted signal named by signal.id into the variables.</summary>
public sealed class LoadSignalActivity(CrmDbContext db) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "LoadSignal", "Loads the accepted signal.", [ActivityResult.Done, "Missing"]) with { Writes = ["signal.platform", "signal.kind", "signal.text", "signal.author", "signal.followers", "signal.captured"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var id = context.RequireGuid("signal.id");
        var signal = await db.Signals.SingleOrDefaultAsync(s => s.Id == id, context.CancellationToken);
        if (signal is null) return ActivityResult.Completed("Missing", $"no signal {id}");
        context.Set("signal.platform", signal.Platform);
        context.Set("signal.kind", signal.Kind);
        context.Set("signal.text", signal.Text);
        context.Set("signal.author", signal.AuthorHandle);
        context.Set("signal.followers", signal.AuthorFollowers);
        context.Set("signal.captured", signal.CapturedAt is not null);
        return ActivityResult.Completed(detail: $"{signal.Platform}/{signal.PlatformPostId}");
    }
}
