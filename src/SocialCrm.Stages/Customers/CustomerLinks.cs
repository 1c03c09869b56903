using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Customers;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Customers;

/// <summary>
/// Makes two customer records one when first-party evidence says they are one person: everything of the record the
/// engine made for an unknown author moves to the back office's record, and the empty record goes. Runs inside the
/// caller's transaction (the stage's, or the back-office update's).
/// </summary>
public sealed class CustomerLinks(CrmDbContext db)
{
    /// <summary>The live record for an id a message carried, following merges.</summary>
    public async Task<Customer> LiveAsync(Guid id, CancellationToken ct)
    {
        var customer = await db.Customers.FindAsync([id], ct) ?? throw new InvalidOperationException($"customer {id} is gone");
        for (var hops = 0; customer.MergedIntoId is { } next && hops < 10; hops++)
            customer = await db.Customers.FindAsync([next], ct) ?? customer;
        return customer;
    }

    public async Task MergeAsync(Customer from, Customer into, CancellationToken ct)
    {
        var (f, i) = (from.Id, into.Id);
        await db.Signals.Where(s => s.CustomerId == f).ExecuteUpdateAsync(u => u.SetProperty(s => s.CustomerId, i), ct);
        await db.Cases.Where(c => c.CustomerId == f).ExecuteUpdateAsync(u => u.SetProperty(c => c.CustomerId, i), ct);
        await db.Interactions.Where(x => x.CustomerId == f).ExecuteUpdateAsync(u => u.SetProperty(x => x.CustomerId, i), ct);
        await db.OutgoingMessages.Where(m => m.CustomerId == f).ExecuteUpdateAsync(u => u.SetProperty(m => m.CustomerId, i), ct);
        await db.CaseMetrics.Where(m => m.CustomerId == f).ExecuteUpdateAsync(u => u.SetProperty(m => m.CustomerId, i), ct);
        await db.SocialIdentities.Where(x => x.CustomerId == f).ExecuteUpdateAsync(u => u.SetProperty(x => x.CustomerId, i), ct);
        await db.Purchases.Where(p => p.CustomerId == f).ExecuteUpdateAsync(u => u.SetProperty(p => p.CustomerId, i), ct);
        // One claim per author and named customer: where both records made the same claim, the one moving goes.
        await db.IdentityClaims.Where(c => c.CustomerId == f && db.IdentityClaims.Any(o => o.CustomerId == i && o.ClaimedCustomerId == c.ClaimedCustomerId)).ExecuteDeleteAsync(ct);
        await db.IdentityClaims.Where(c => c.CustomerId == f).ExecuteUpdateAsync(u => u.SetProperty(c => c.CustomerId, i), ct);
        // What this unit of work already tracks follows too, or saving it would put the rows back.
        foreach (var entry in db.ChangeTracker.Entries().ToList())
            if (entry.Entity != from && entry.Metadata.FindProperty("CustomerId") is { } p && Equals(entry.Property(p.Name).CurrentValue, f))
                entry.Property(p.Name).CurrentValue = i;

        if (from.FirstSeenAt < into.FirstSeenAt) into.FirstSeenAt = from.FirstSeenAt;
        if (from.Status > into.Status) into.Status = from.Status;
        into.ConnectionRequestedAt ??= from.ConnectionRequestedAt;
        // Kept as a pointer, not deleted: a message already on its way names this record, and rows a concurrent
        // writer adds to it stay reachable instead of being cascaded away.
        from.MergedIntoId = into.Id;
        from.LifetimeRevenue = 0;
    }
}
