using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Customers;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Customers;

public sealed record MergeCustomersInput(Guid? Into, string? Reason);

public enum CustomerMergeStatus { Merged, Invalid, NotFound, Refused }

public sealed record CustomerMergeResult(CustomerMergeStatus Status, string? Problem, Guid? Into = null, Guid? From = null);

/// <summary>
/// An agent who knows two customer records are one person makes them one: identities, posts, cases, history,
/// purchases and claims move (CustomerLinks, as a confirmed identity claim does), the emptied record points to the
/// other, and the customer's history says who merged them and why. Never across what the back office says are two
/// customers (two records with different back-office ids); a record the back office does not know goes into the one
/// it knows, whichever was named first. Audited.
/// </summary>
public sealed class MergeCustomersHandler(CrmDbContext db, CustomerLinks links, AuditLog audit, StoreWriteGate gate, TimeProvider clock)
{
    public const int MaxReason = 500;

    public async Task<CustomerMergeResult> MergeAsync(Guid customerId, MergeCustomersInput input, string actor, CancellationToken ct)
    {
        if (input.Into is not { } intoId) return new(CustomerMergeStatus.Invalid, "name the customer to merge this one into: {\"into\": \"<customer id>\", \"reason\": \"...\"}");
        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return new(CustomerMergeStatus.Invalid, "say how you know they are one person (the reason is kept with the customer)");
        if (reason.Length > MaxReason) return new(CustomerMergeStatus.Invalid, $"the reason is {reason.Length} characters long; at most {MaxReason} are taken");
        if (intoId == customerId) return new(CustomerMergeStatus.Invalid, "a customer cannot be merged into themselves");

        using var _ = await gate.EnterAsync(ct, intake: true);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var from = await db.Customers.SingleOrDefaultAsync(c => c.Id == customerId, ct);
        var into = await db.Customers.SingleOrDefaultAsync(c => c.Id == intoId, ct);
        if (from is null || from.MergedIntoId is not null) return new(CustomerMergeStatus.NotFound, from is null ? $"there is no customer {customerId}" : $"customer {customerId} was merged already");
        if (into is null || into.MergedIntoId is not null) return new(CustomerMergeStatus.NotFound, into is null ? $"there is no customer {intoId}" : $"customer {intoId} was merged into another already: merge into that one");
        if (from.ErasedAt is not null || into.ErasedAt is not null) return new(CustomerMergeStatus.Refused, "an erased customer cannot be merged");
        if (from.ExternalId is { } a && into.ExternalId is { } b && a != b)
            return new(CustomerMergeStatus.Refused, $"the back office says these are different customers ({a} and {b}); only the back office can make them one");
        // The back office's record is the one that stays: its updates name it.
        if (from.ExternalId is not null && into.ExternalId is null) (from, into) = (into, from);

        await links.MergeAsync(from, into, ct);
        if (string.IsNullOrEmpty(into.Email)) into.Email = from.Email;
        var now = clock.GetUtcNow().UtcDateTime;
        db.Interactions.Add(new Interaction
        {
            CustomerId = into.Id, Stage = "act", Kind = "customers_merged", OccurredAt = now,
            Detail = $"{actor} merged the customer record '{from.DisplayName}' into this one: {reason}",
        });
        audit.Add(actor, AuditActions.CustomerMerged, into.Id.ToString(), $"customer {from.Id} merged in");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new(CustomerMergeStatus.Merged, null, into.Id, from.Id);
    }
}
