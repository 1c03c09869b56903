using SocialCrm.Persistence;
using SocialCrm.Scoring.Language;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Listen.Activities;

/// <summary>Keeps the language the platform gave, or detects it (English, Finnish, "und").</summary>
public sealed class DetectLanguageActivity(CrmDbContext db, ILanguageDetector detector) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "DetectLanguage", "Sets signal.language.", [ActivityResult.Done]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var signal = (await db.Signals.FindAsync([context.RequireGuid("signal.id")], context.CancellationToken))!;
        signal.Language ??= detector.Detect(signal.Text);
        context.Set("signal.language", signal.Language);
        return ActivityResult.Completed(detail: signal.Language);
    }
}
