using SocialCrm.Domain.Customers;
using SocialCrm.Persistence;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Shared;

/// <summary>Appends a line to the customer's history: every stage records what it did.</summary>
public sealed class RecordInteractionActivity(CrmDbContext db, TimeProvider clock) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "RecordInteraction", "Appends an interaction to the customer's history.", [ActivityResult.Done],
        new InputDescriptor("stage", InputKind.String, true, "listen, analyse, act or measure"),
        new InputDescriptor("kind", InputKind.String, true, "what happened, e.g. signal_captured"),
        new InputDescriptor("detail", InputKind.Expression, false, "a line of detail"));

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var caseId = context.Text("case.id");
        var signalId = context.Text("signal.id");
        var kind = context.GetString("kind")!;
        db.Interactions.Add(new Interaction
        {
            CustomerId = context.RequireGuid("customer.id"),
            CaseId = caseId is null ? null : Guid.Parse(caseId),
            SignalId = signalId is null ? null : Guid.Parse(signalId),
            Stage = context.GetString("stage")!,
            Kind = kind,
            Detail = SocialCrm.Workflows.Expressions.Values.Format(context.Evaluate("detail") ?? ""),
            OccurredAt = clock.GetUtcNow().UtcDateTime,
        });
        return ActivityResult.CompletedTask(detail: kind);
    }
}
