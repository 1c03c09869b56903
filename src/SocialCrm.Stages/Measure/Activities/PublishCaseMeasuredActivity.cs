using SocialCrm.Contracts.Measure;
using SocialCrm.Persistence;
using SocialCrm.Stages.Shared;
using SocialCrm.Stages.Messaging;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Measure.Activities;

/// <summary>Announces the measured case: the signal's journey through the four stages ends here.</summary>
public sealed class PublishCaseMeasuredActivity(CrmDbContext db, Outbox outbox, TimeProvider clock) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "PublishCaseMeasured", "Publishes CaseMeasured.", [ActivityResult.Done]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var caseId = context.RequireGuid("case.id");
        var metrics = db.CaseMetrics.Local.Single(m => m.CaseId == caseId);
        var @case = await db.CaseOf(context);
        outbox.Add(new CaseMeasured(caseId, @case.SignalId, metrics.Outcome, clock.GetUtcNow()));
        return ActivityResult.Completed();
    }
}
