using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Customers;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Customers;

/// <summary>A direct message's claim as an agent sees it: who the author says they are, and on what grounds.</summary>
public sealed record IdentityClaimView(Guid Id, string State, string ClaimedName, string? ClaimedExternalId, string Why, DateTime MadeAt, string? DecidedBy, DateTime? DecidedAt);

public enum ClaimDecision { Done, NotFound, AlreadyDecided }

public sealed record ClaimDecisionResult(ClaimDecision Status, string? Problem = null);

/// <summary>
/// Claims that a direct message's author is a back-office customer: listed on the author's cases, confirmed (the two
/// records become one, audited) or rejected (audited; the author stays their own customer) by an agent.
/// </summary>
public sealed class IdentityClaims(CrmDbContext db, CustomerLinks links, AuditLog audit, StoreWriteGate gate, TimeProvider clock)
{
    public async Task<List<IdentityClaimView>> OfCustomerAsync(Guid customerId, CancellationToken ct) =>
        await (from c in db.IdentityClaims.AsNoTracking()
               where c.CustomerId == customerId
               join claimed in db.Customers on c.ClaimedCustomerId equals claimed.Id
               orderby c.MadeAt descending
               select new IdentityClaimView(c.Id, c.State, claimed.DisplayName, claimed.ExternalId, c.Why, c.MadeAt, c.DecidedBy, c.DecidedAt))
            .Take(10).ToListAsync(ct);

    /// <summary>Confirms or rejects a pending claim on the case's customer.</summary>
    public async Task<ClaimDecisionResult> DecideAsync(Guid caseId, Guid claimId, bool confirm, string agent, CancellationToken ct)
    {
        using var _ = await gate.EnterAsync(ct);
        // The merge moves rows at once (ExecuteUpdate): it commits with the claim's decision and its audit entry, or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var customerId = await db.Cases.Where(c => c.Id == caseId).Select(c => (Guid?)c.CustomerId).SingleOrDefaultAsync(ct);
        if (customerId is null) return new(ClaimDecision.NotFound, $"no case {caseId}");
        var claim = await db.IdentityClaims.SingleOrDefaultAsync(c => c.Id == claimId && c.CustomerId == customerId, ct);
        if (claim is null) return new(ClaimDecision.NotFound, $"case {caseId} has no claim {claimId}");
        if (claim.State != IdentityClaimStates.Pending)
            return new(ClaimDecision.AlreadyDecided, $"the claim was {claim.State} by {claim.DecidedBy} at {claim.DecidedAt:yyyy-MM-dd HH:mm} UTC");

        var author = await db.Customers.SingleAsync(c => c.Id == claim.CustomerId, ct);
        var claimed = await links.LiveAsync(claim.ClaimedCustomerId, ct);
        if (claimed.ErasedAt is not null || author.ErasedAt is not null)
            return new(ClaimDecision.AlreadyDecided, "one of the two customers was erased: the claim cannot be decided");
        var now = clock.GetUtcNow().UtcDateTime;
        (claim.State, claim.DecidedBy, claim.DecidedAt) = (confirm ? IdentityClaimStates.Confirmed : IdentityClaimStates.Rejected, agent, now);
        var target = $"customer {claimed.ExternalId ?? claimed.Id.ToString()}";
        if (confirm)
        {
            if (author.ExternalId is not null && claimed.ExternalId is not null && author.ExternalId != claimed.ExternalId)
                return new(ClaimDecision.AlreadyDecided, $"the author is the back office's customer '{author.ExternalId}' now; the back office says they are not '{claimed.ExternalId}'");
            var identities = await db.SocialIdentities.Where(i => i.CustomerId == author.Id).ToListAsync(ct);
            foreach (var identity in identities)
            {
                // Linked by what the author said, confirmed by a person: still no connection request until the back office names it.
                identity.LinkedBy = Domain.Text.TextRules.Cut($"{claim.Why} on {claim.MadeAt:yyyy-MM-dd}; confirmed by {agent} on {now:yyyy-MM-dd}", 500);
                identity.LinkedByClaim = true;
            }
            await links.MergeAsync(author, claimed, ct);
            audit.Add(agent, AuditActions.IdentityClaimConfirmed, target, $"case {caseId}: the author is this customer ({claim.Why})");
        }
        else audit.Add(agent, AuditActions.IdentityClaimRejected, target, $"case {caseId}: the author is not this customer ({claim.Why})");
        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(ClaimDecision.AlreadyDecided, "someone decided this claim at the same moment");
        }
        return new(ClaimDecision.Done);
    }
}
