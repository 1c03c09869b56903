using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Customers;
using SocialCrm.Persistence;
using SocialCrm.Stages.Shared;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Act.Activities;

/// <summary>Moves the customer up the relationship ladder after a good exchange (customer.statusBefore/After).</summary>
public sealed class MoveOnLadderActivity(CrmDbContext db) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "MoveOnLadder", "Moves the customer up the relationship ladder.", ["Moved", "Stayed"]) with { Writes = ["customer.statusBefore", "customer.status"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ct = context.CancellationToken;
        var customer = await db.CustomerOf(context);
        var earlierExchanges = await db.Cases.CountAsync(c => c.CustomerId == customer.Id && c.FirstResponseAt != null && c.Id != context.RequireGuid("case.id"), ct);
        var before = customer.Status;
        customer.Status = RelationshipLadder.Next(before, context.Flag("reply.sent"), context.Number("sentiment.score"),
            context.Text("action.replyKind") == "personalised", earlierExchanges);
        context.Set("customer.statusBefore", (int)before);
        context.Set("customer.status", (int)customer.Status);
        return ActivityResult.Completed(customer.Status == before ? "Stayed" : "Moved", $"{before} -> {customer.Status}");
    }
}
