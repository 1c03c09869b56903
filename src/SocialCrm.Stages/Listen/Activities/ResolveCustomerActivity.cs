using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Customers;
using SocialCrm.Persistence;
using SocialCrm.Domain.Signals;
using SocialCrm.Domain.Text;
using SocialCrm.Stages.Customers;
using SocialCrm.Stages.Shared;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Listen.Activities;

/// <summary>
/// Finds the customer behind the author, or creates one for a first-time author. The platform's user id decides
/// where the platform gives one (handles change and are reused); the handle only where it does not.
/// </summary>
public sealed class ResolveCustomerActivity(CrmDbContext db, CustomerEvidence evidence) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "ResolveCustomer", "Resolves the author to a customer.", ["Known", "New"]) with { Writes = ["customer.id", "customer.name", "customer.status"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ct = context.CancellationToken;
        var signal = await db.SignalOf(context);
        var identity = await FindIdentityAsync(signal, ct);
        Customer customer;
        var outcome = "Known";
        if (identity is null)
        {
            // Meta sends Messenger and page authors as numeric ids only: that is no name to greet anyone by.
            var name = signal.AuthorName ?? (signal.AuthorHandle.All(char.IsAsciiDigit) ? "" : signal.AuthorHandle);
            customer = new Customer { DisplayName = name, FirstSeenAt = signal.PostedAt };
            identity = new SocialIdentity
            {
                CustomerId = customer.Id, Platform = signal.Platform, PlatformUserId = signal.AuthorPlatformId, Handle = signal.AuthorHandle,
                DisplayName = signal.AuthorName, Followers = signal.AuthorFollowers, LinkedBy = $"first seen posting on {signal.PostedAt:yyyy-MM-dd}",
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
        var detail = $"{customer.DisplayName} ({customer.Status})";
        // A customer the back office does not know yet may name themselves privately: an order number or e-mail it
        // knows. That is a claim anyone who knows the number can make, so it waits for a person (IdentityClaims);
        // the author stays their own customer meanwhile.
        if (signal.Kind == SignalKinds.DirectMessage && customer.ExternalId is null &&
            await evidence.FindAsync(signal.Text, ct) is { } found && found.Customer.Id != customer.Id)
        {
            var claimed = found.Customer.Id;
            if (!await db.IdentityClaims.AnyAsync(c => c.CustomerId == customer.Id && c.ClaimedCustomerId == claimed, ct) &&
                !db.IdentityClaims.Local.Any(c => c.CustomerId == customer.Id && c.ClaimedCustomerId == claimed))
                db.IdentityClaims.Add(new IdentityClaim
                {
                    CustomerId = customer.Id, ClaimedCustomerId = claimed, SignalId = signal.Id, Why = TextRules.Cut(found.Why, 500), MadeAt = signal.PostedAt,
                });
            // Not what they gave (an e-mail or order number of someone else's): the journal outlives the claim.
            detail += "; says they are a back-office customer: an agent confirms or rejects it on the case";
        }
        signal.CustomerId = customer.Id;
        context.Set("customer.id", customer.Id);
        context.Set("customer.name", customer.DisplayName);
        context.Set("customer.status", (int)customer.Status);
        return ActivityResult.Completed(outcome, detail);
    }

    private async Task<SocialIdentity?> FindIdentityAsync(Domain.Signals.Signal signal, CancellationToken ct)
    {
        var userId = signal.AuthorPlatformId;
        if (userId is not null &&
            await db.SocialIdentities.SingleOrDefaultAsync(i => i.Platform == signal.Platform && i.PlatformUserId == userId, ct) is { } byId)
        {
            if (byId.Handle != signal.AuthorHandle) await MoveHandleAsync(byId, signal.AuthorHandle, ct);
            return byId;
        }
        var byHandle = await db.SocialIdentities.SingleOrDefaultAsync(i => i.Platform == signal.Platform && i.Handle == signal.AuthorHandle, ct);
        if (byHandle is null || userId is null) return byHandle;
        if (byHandle.PlatformUserId is null)
        {
            byHandle.PlatformUserId = userId; // the first time the platform names this account's id
            return byHandle;
        }
        // The handle now belongs to another account: the earlier holder renamed; this author is someone else.
        await MoveHandleAsync(byHandle, $"{byHandle.Handle}#{byHandle.PlatformUserId}", ct);
        return null;
    }

    /// <summary>A renamed account keeps its customer; whoever held the new handle before gives it up (handles are unique per platform).</summary>
    private async Task MoveHandleAsync(SocialIdentity identity, string handle, CancellationToken ct)
    {
        var holder = await db.SocialIdentities.SingleOrDefaultAsync(i => i.Platform == identity.Platform && i.Handle == handle && i.Id != identity.Id, ct);
        if (holder is not null) holder.Handle = $"{holder.Handle}#{holder.PlatformUserId ?? holder.Id.ToString("N")}";
        identity.Handle = handle;
    }
}
