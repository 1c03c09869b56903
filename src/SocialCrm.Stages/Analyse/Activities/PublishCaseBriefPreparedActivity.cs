using SocialCrm.Contracts.Analyse;
using SocialCrm.Persistence;
using SocialCrm.Stages.Shared;
using SocialCrm.Stages.Messaging;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Analyse.Activities;

/// <summary>Hands the prepared case to the act stage.</summary>
public sealed class PublishCaseBriefPreparedActivity(CrmDbContext db, Outbox outbox) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "PublishCaseBriefPrepared", "Publishes CaseBriefPrepared.", [ActivityResult.Done]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var @case = await db.CaseOf(context);
        outbox.Add(new CaseBriefPrepared(@case.Id, @case.SignalId, @case.CustomerId, @case.Decision,
            context.Text("reply.kind") ?? "standard", @case.Queue, @case.Priority, new DateTimeOffset(@case.SlaDueAt, TimeSpan.Zero)));
        return ActivityResult.Completed();
    }
}
