using SocialCrm.Domain.Measure;
using SocialCrm.Contracts.Act;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Stages.Shared;
using SocialCrm.Stages.Messaging;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Act.Activities;

/// <summary>Closes the act stage for the case (acted or ignored) and hands it to the measure stage with CaseActed.</summary>
public sealed class CloseCaseActivity(CrmDbContext db, Outbox outbox, TimeProvider clock) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "CloseCase", "Closes the act stage and publishes CaseActed.", [ActivityResult.Done],
        new InputDescriptor("status", InputKind.String, true, "acted or ignored")) with { Writes = ["customer.statusBefore"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var @case = await db.CaseOf(context);
        var status = context.GetString("status")!;
        if (context.Get("customer.statusBefore") is null) context.Set("customer.statusBefore", context.Number("customer.status"));
        var now = clock.GetUtcNow();
        @case.Status = status == CaseStatus.Ignored ? CaseStatus.Ignored : CaseStatus.Acted;
        @case.ActedAt = now.UtcDateTime;
        outbox.Add(new CaseActed(@case.Id, @case.SignalId, @case.Status == CaseStatus.Ignored ? MeasuredActions.Ignored : MeasuredActions.Replied, @case.ReplyKind,
            context.Flag("connection.requested"), (int)context.Number("customer.statusBefore"), (int)context.Number("customer.status"), now));
        return ActivityResult.Completed(detail: @case.Status);
    }
}
