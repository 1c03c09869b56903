using SocialCrm.Persistence;
using SocialCrm.Stages.Shared;
using SocialCrm.Scoring.Language;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Listen.Activities;

/// <summary>Keeps the language the platform gave, or detects it (English, Finnish, "und").</summary>
public sealed class DetectLanguageActivity(CrmDbContext db, ILanguageDetector detector) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "DetectLanguage", "Sets signal.language.", [ActivityResult.Done]) with { Writes = ["signal.language"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var signal = await db.SignalOf(context);
        signal.Language ??= detector.Detect(signal.Text);
        context.Set("signal.language", signal.Language);
        return ActivityResult.Completed(detail: signal.Language);
    }
}
