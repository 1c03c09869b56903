using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Customers;

public sealed record ConsentView(bool Given, DateTime? At, string? Source);

public sealed record IdentityView(string Platform, string? UserId, string Handle, string? LinkedBy);

public sealed record PurchaseView(string OrderNumber, double Amount, DateTime PurchasedAt);

public sealed record CustomerRecordView(Guid CustomerId, string ExternalId, string Name, string? Email, double LifetimeRevenue, ConsentView Contact, ConsentView Connect,
    IReadOnlyList<PurchaseView> Purchases, IReadOnlyList<IdentityView> Identities, int Cases, DateTime? BackOfficeUpdatedAt);

/// <summary>What the store holds about a back-office customer, as the back office sent it and as the engine linked it.</summary>
public sealed class CustomerRecordQuery(CrmDbContext db)
{
    public async Task<CustomerRecordView?> GetAsync(string externalId, CancellationToken ct)
    {
        var c = await db.Customers.AsNoTracking().Include(x => x.Identities).SingleOrDefaultAsync(x => x.ExternalId == externalId, ct);
        if (c is null) return null;
        var purchases = await db.Purchases.AsNoTracking().Where(p => p.CustomerId == c.Id).OrderBy(p => p.PurchasedAt)
            .Select(p => new PurchaseView(p.OrderNumber, p.Amount, p.PurchasedAt)).ToListAsync(ct);
        var cases = await db.Cases.CountAsync(x => x.CustomerId == c.Id, ct);
        return new(c.Id, c.ExternalId!, c.DisplayName, c.Email, c.LifetimeRevenue,
            new(c.ConsentToContact, c.ContactConsentAt, c.ContactConsentSource), new(c.ConsentToConnect, c.ConnectConsentAt, c.ConnectConsentSource),
            purchases, c.Identities.OrderBy(i => i.Platform).Select(i => new IdentityView(i.Platform, i.PlatformUserId, i.Handle, i.LinkedBy)).ToList(),
            cases, c.BackOfficeUpdatedAt);
    }
}
