using SocialCrm.Contracts.Listen;
using SocialCrm.Contracts.Measure;
using SocialCrm.Persistence;
using SocialCrm.Stages.Shared;
using SocialCrm.Stages.Messaging;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Listen.Activities;

/// <summary>Marks the signal captured and publishes SignalCaptured (and OutcomeSignalObserved for a follow-up) through the outbox.</summary>
public sealed class PublishSignalCapturedActivity(CrmDbContext db, Outbox outbox, TimeProvider clock) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "PublishSignalCaptured", "Hands the signal to the analyse stage.", [ActivityResult.Done]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var signal = await db.SignalOf(context);
        var now = clock.GetUtcNow();
        signal.CapturedAt = now.UtcDateTime;
        outbox.Add(new SignalCaptured(signal.Id, signal.CustomerId!.Value, signal.Platform, signal.Language ?? "und",
            signal.Sentiment ?? "neutral", signal.SentimentScore ?? 0, signal.Intent ?? "other", now));
        if (context.Text("followUp.caseId") is { } caseId)
            outbox.Add(new OutcomeSignalObserved(Guid.Parse(caseId), signal.Id, signal.SentimentScore ?? 0, now));
        return ActivityResult.Completed();
    }
}
