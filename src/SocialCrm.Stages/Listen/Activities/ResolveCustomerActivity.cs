using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Customers;
using SocialCrm.Persistence;
using SocialCrm.Stages.Shared;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Listen.Activities;

/// <summary>Finds the customer behind (platform, handle), or creates one for a first-time author.</summary>
public sealed class ResolveCustomerActivity(CrmDbContext db) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "ResolveCustomer", "Resolves the author to a customer.", ["Known", "New"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ct = context.CancellationToken;
        var signal = await db.SignalOf(context);
        var identity = await db.SocialIdentities.SingleOrDefaultAsync(i => i.Platform == signal.Platform && i.Handle == signal.AuthorHandle, ct);
        Customer customer;
        var outcome = "Known";
        if (identity is null)
        {
            customer = new Customer { DisplayName = signal.AuthorName ?? signal.AuthorHandle, FirstSeenAt = signal.PostedAt };
            identity = new SocialIdentity
            {
                CustomerId = customer.Id, Platform = signal.Platform, Handle = signal.AuthorHandle, DisplayName = signal.AuthorName, Followers = signal.AuthorFollowers,
            };
            db.Customers.Add(customer);
            db.SocialIdentities.Add(identity);
            outcome = "New";
        }
        else
        {
            customer = await db.Customers.SingleAsync(c => c.Id == identity.CustomerId, ct);
            identity.Followers = Math.Max(identity.Followers, signal.AuthorFollowers);
        }
        signal.CustomerId = customer.Id;
        context.Set("customer.id", customer.Id);
        context.Set("customer.name", customer.DisplayName);
        context.Set("customer.status", (int)customer.Status);
        return ActivityResult.Completed(outcome, $"{customer.DisplayName} ({customer.Status})");
    }
}
