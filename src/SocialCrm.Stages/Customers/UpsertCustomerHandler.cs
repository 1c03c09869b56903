using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Customers;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Customers;

public enum UpsertStatus { Created, Updated, Conflict }

public sealed record UpsertCustomerResult(UpsertStatus Status, Guid? CustomerId, IReadOnlyList<string> Linked, int Merged, string? Problem);

/// <summary>
/// Takes what the back office knows about a customer, keyed by its own id: name, e-mail, revenue, purchases,
/// consents with when and how they were given, and the customer's platform accounts. Each account named is linked
/// to this customer; a record the engine made for that account's posts is merged in. An account that already belongs
/// to another back-office customer is a conflict, never silently moved. One transaction; audited.
/// </summary>
public sealed class UpsertCustomerHandler(CrmDbContext db, IValidator<CustomerRecordInput> validator, CustomerLinks links, AuditLog audit,
    StoreWriteGate gate, TimeProvider clock)
{
    public const int MaxExternalIdLength = 100;

    public async Task<UpsertCustomerResult> HandleAsync(string externalId, CustomerRecordInput input, string actor, CancellationToken ct)
    {
        externalId = externalId.Trim();
        if (externalId.Length is 0 or > MaxExternalIdLength || externalId.Any(char.IsControl))
            throw new ArgumentException($"the customer id must be 1 to {MaxExternalIdLength} printable characters");
        await validator.ValidateAndThrowAsync(input, ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteAsync(externalId, input, actor, ct);
            }
            catch (Exception e) when (attempt < 5 && (e is DbUpdateException || Persistence.Configuration.StoreFailures.IsDeadlock(e)))
            {
                // Two updates of a new customer at once: the other created it, or both waited on each other's rows
                // (PostgreSQL then gives one up); this one runs again and updates it.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<UpsertCustomerResult> WriteAsync(string externalId, CustomerRecordInput input, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        using var _ = await gate.EnterAsync(ct, intake: true);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The customer's row is locked before anything else of theirs is touched, so two updates of one customer
        // queue behind each other instead of deadlocking on their purchases and accounts.
        await db.Customers.Where(c => c.ExternalId == externalId).ExecuteUpdateAsync(u => u.SetProperty(c => c.BackOfficeUpdatedAt, now), ct);
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.ExternalId == externalId, ct);
        var created = customer is null;
        if (customer is null)
        {
            customer = new Customer { ExternalId = externalId, FirstSeenAt = now };
            db.Customers.Add(customer);
        }
        customer.DisplayName = input.Name!.Trim();
        customer.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim().ToLowerInvariant();
        customer.BackOfficeUpdatedAt = now;
        if (input.Consent?.Connect is { } connect)
            (customer.ConsentToConnect, customer.ConnectConsentAt, customer.ConnectConsentSource) = (connect.Given!.Value, connect.At!.Value.UtcDateTime, connect.Source!.Trim());
        if (input.Consent?.Contact is { } contact)
            (customer.ConsentToContact, customer.ContactConsentAt, customer.ContactConsentSource) = (contact.Given!.Value, contact.At!.Value.UtcDateTime, contact.Source!.Trim());
        if (input.Purchases is { } purchases)
        {
            await db.Purchases.Where(p => p.CustomerId == customer.Id).ExecuteDeleteAsync(ct);
            foreach (var p in purchases)
                db.Purchases.Add(new Purchase { CustomerId = customer.Id, OrderNumber = p.OrderNumber!.Trim(), Amount = p.Amount!.Value, PurchasedAt = p.PurchasedAt!.Value.UtcDateTime });
        }
        // A customer since their first purchase or the first consent they gave, whichever came first.
        var dates = (input.Purchases ?? []).Select(p => p.PurchasedAt!.Value.UtcDateTime)
            .Concat(new[] { input.Consent?.Contact, input.Consent?.Connect }.Where(c => c?.Given == true).Select(c => c!.At!.Value.UtcDateTime));
        if (dates.DefaultIfEmpty(DateTime.MaxValue).Min() is var first && first < customer.FirstSeenAt) customer.FirstSeenAt = first;
        customer.LifetimeRevenue = input.LifetimeRevenue ?? input.Purchases?.Sum(p => p.Amount!.Value) ?? customer.LifetimeRevenue;
        if (created) await db.SaveChangesAsync(ct); // merged rows need the customer to point at

        var namedByUs = $"named by the back office on {now:yyyy-MM-dd}";
        var linked = new List<string>();
        var merged = 0;
        foreach (var account in input.Identities ?? [])
        {
            var platform = account.Platform!.Trim().ToLowerInvariant();
            var userId = string.IsNullOrWhiteSpace(account.UserId) ? null : account.UserId.Trim();
            var handle = string.IsNullOrWhiteSpace(account.Handle) ? null : account.Handle.Trim().TrimStart('@');
            var identity = userId is null ? null : await db.SocialIdentities.SingleOrDefaultAsync(i => i.Platform == platform && i.PlatformUserId == userId, ct);
            if (identity is null && handle is not null)
            {
                identity = await db.SocialIdentities.SingleOrDefaultAsync(i => i.Platform == platform && i.Handle == handle, ct);
                if (identity is { PlatformUserId: { } holder } && userId is not null && holder != userId)
                {
                    // The handle is held by another account id (handles are reused): not this customer's; it gives the handle up.
                    identity.Handle = $"{identity.Handle}#{holder}";
                    identity = null;
                }
            }
            var name = $"{platform} {(handle is null ? $"user {userId}" : $"@{handle}")}";
            if (identity is null)
            {
                db.SocialIdentities.Add(new SocialIdentity
                {
                    CustomerId = customer.Id, Platform = platform, PlatformUserId = userId, Handle = handle ?? userId!,
                    LinkedBy = namedByUs,
                });
            }
            else if (identity.CustomerId != customer.Id)
            {
                var other = await db.Customers.SingleAsync(c => c.Id == identity.CustomerId, ct);
                if (other.ExternalId is not null)
                    return new(UpsertStatus.Conflict, customer.Id, [], 0,
                        $"the {name} account belongs to the back office's customer '{other.ExternalId}'; change that customer first");
                await links.MergeAsync(other, customer, ct);
                identity.LinkedBy = namedByUs;
                merged++;
            }
            else if (identity.LinkedByClaim || identity.LinkedBy is null) identity.LinkedBy = namedByUs;
            if (identity is not null)
            {
                identity.LinkedByClaim = false; // the back office confirms it
                identity.PlatformUserId ??= userId;
                if (handle is not null && identity.Handle != handle && !await db.SocialIdentities.AnyAsync(i => i.Platform == platform && i.Handle == handle, ct))
                    identity.Handle = handle;
            }
            linked.Add(name);
        }
        audit.Add(actor, AuditActions.CustomerUpdated, externalId,
            $"{(created ? "created" : "updated")}: revenue {customer.LifetimeRevenue:0.00}, connect consent {(customer.ConsentToConnect ? "yes" : "no")}, " +
            $"contact consent {(customer.ConsentToContact ? "yes" : "no")}, {input.Purchases?.Count ?? 0} purchase(s), {linked.Count} account(s){(merged > 0 ? $", {merged} merged" : "")}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(created ? UpsertStatus.Created : UpsertStatus.Updated, customer.Id, linked, merged, null);
    }
}
