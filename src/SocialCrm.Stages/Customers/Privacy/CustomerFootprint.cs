using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Customers.Privacy;

/// <summary>
/// Where one customer's data lies: their record and the records merged into it, and the signals, cases and workflow
/// instances that carry their words and names. Export reads it; erasure rewrites it.
/// </summary>
public sealed record CustomerFootprint(Guid CustomerId, IReadOnlyList<Guid> Records, IReadOnlyList<Guid> Signals, IReadOnlyList<Guid> Cases, IReadOnlyList<Guid> Instances)
{
    public static async Task<CustomerFootprint?> FindAsync(CrmDbContext db, Guid customerId, CancellationToken ct)
    {
        // A record merged into another stands for that one (a case may still point at it).
        for (var hops = 0; ; hops++)
        {
            var found = await db.Customers.Where(c => c.Id == customerId).Select(c => new { c.MergedIntoId }).SingleOrDefaultAsync(ct);
            if (found is null || hops > 32) return null;
            if (found.MergedIntoId is not { } into) break;
            customerId = into;
        }
        // A merged record stays as a pointer to the one it went into; its old posts are the customer's too.
        var records = new List<Guid> { customerId };
        for (var frontier = records.ToList(); frontier.Count > 0;)
        {
            frontier = await db.Customers.Where(c => c.MergedIntoId != null && frontier.Contains(c.MergedIntoId.Value)).Select(c => c.Id).ToListAsync(ct);
            records.AddRange(frontier.Except(records));
        }
        var signals = await db.Signals.Where(s => s.CustomerId != null && records.Contains(s.CustomerId.Value)).Select(s => s.Id).ToListAsync(ct);
        var cases = await db.Cases.Where(c => records.Contains(c.CustomerId) || signals.Contains(c.SignalId)).Select(c => c.Id).ToListAsync(ct);
        signals = signals.Union(await db.Cases.Where(c => cases.Contains(c.Id)).Select(c => c.SignalId).ToListAsync(ct)).ToList();
        var correlations = signals.Concat(cases).Select(id => id.ToString()).ToList();
        var instances = await db.WorkflowInstances.Where(i => correlations.Contains(i.CorrelationId)).Select(i => i.Id).ToListAsync(ct);
        return new(customerId, records, signals, cases, instances);
    }
}
