using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;

namespace SocialCrm.Cli.Faults;

/// <summary>What one fault did to the posts it covered, by DESIGN.md's test of "nothing lost".</summary>
public sealed record FaultResult(string Configuration, string Fault, int Accepted, int Measured, int Lost, int Duplicated, int Parked, int ExpectedParked, double Seconds, string Note,
    long? Republished = null)
{
    /// <summary>
    /// Nothing lost, nothing twice, only the poison parked for an admin, and (where counted) no outbox row published by
    /// two relays. A server going away in the middle of a relay's batch may legitimately have it published again (the
    /// broker took part of it, the transaction marking it sent did not commit); the consumers' inbox makes that harmless.
    /// </summary>
    public bool Passed => Lost == 0 && Duplicated == 0 && Parked == ExpectedParked
                          && (Republished is null or 0 || Fault is "broker-restart" or "database-restart");
}

/// <summary>
/// Counts from the store: the accepted posts' signals that reached measure, and every effect that happened more than
/// once (a second case for a signal, a history line of one stage twice, a second reply or connection request, a
/// case counted twice in the daily aggregates).
/// </summary>
public static class PipelineTally
{
    private static readonly string[] OncePerCase = ["signal_captured", "brief_prepared", "replied", "ignored", "case_measured"];

    public static async Task<(int Measured, int Pending, int Parked)> ProgressAsync(CrmDbContext db, string prefix, DateTime since, CancellationToken ct)
    {
        var parked = await db.FailedMessages.CountAsync(m => m.FailedAt >= since, ct);
        var measured = await db.Cases.CountAsync(c => c.Status == CaseStatus.Measured
            && db.Signals.Any(s => s.Id == c.SignalId && s.PlatformPostId.StartsWith(prefix + "-")), ct);
        var pending = await db.OutboxMessages.CountAsync(m => m.SentAt == null, ct);
        return (measured, pending, parked);
    }

    public static async Task<(int Measured, int Lost, int Duplicated)> CountAsync(CrmDbContext db, string prefix, IReadOnlyCollection<string> accepted, CancellationToken ct)
    {
        var signals = await db.Signals.AsNoTracking().Where(s => s.PlatformPostId.StartsWith(prefix + "-"))
            .Select(s => new { s.Id, s.Platform, s.PlatformPostId }).ToListAsync(ct);
        var ids = signals.Select(s => s.Id).ToList();
        var measured = (await db.Cases.AsNoTracking().Where(c => ids.Contains(c.SignalId) && c.Status == CaseStatus.Measured)
            .Select(c => c.SignalId).ToListAsync(ct)).ToHashSet();
        var byPost = signals.GroupBy(s => s.PlatformPostId).ToDictionary(g => g.Key, g => g.Select(s => s.Id).ToList());
        var lost = accepted.Count(post => !byPost.TryGetValue(post, out var of) || !of.Any(measured.Contains));

        var cases = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.SignalId)).Select(c => new { c.Id, c.SignalId }).ToListAsync(ct);
        var caseIds = cases.Select(c => c.Id).ToList();
        var twice = new HashSet<Guid>();
        twice.UnionWith(signals.GroupBy(s => (s.Platform, s.PlatformPostId)).Where(g => g.Count() > 1).SelectMany(g => g.Select(s => s.Id)));
        twice.UnionWith(cases.GroupBy(c => c.SignalId).Where(g => g.Count() > 1).Select(g => g.Key));
        var lines = await db.Interactions.AsNoTracking()
            .Where(i => OncePerCase.Contains(i.Kind) && ((i.SignalId != null && ids.Contains(i.SignalId.Value)) || (i.CaseId != null && caseIds.Contains(i.CaseId.Value))))
            .Select(i => new { i.Kind, i.SignalId, i.CaseId }).ToListAsync(ct);
        var signalOf = cases.ToDictionary(c => c.Id, c => c.SignalId);
        twice.UnionWith(lines.GroupBy(l => (l.Kind, Signal: l.SignalId ?? signalOf.GetValueOrDefault(l.CaseId!.Value))).Where(g => g.Count() > 1).Select(g => g.Key.Signal));
        twice.UnionWith((await db.OutgoingMessages.AsNoTracking().Where(o => caseIds.Contains(o.CaseId)).Select(o => new { o.CaseId, o.Kind }).ToListAsync(ct))
            .GroupBy(o => (o.CaseId, o.Kind)).Where(g => g.Count() > 1).Select(g => signalOf[g.Key.CaseId]));

        // The aggregates hold no ids: over the whole store, cases counted must equal cases measured.
        var counted = await db.DailyAggregates.SumAsync(a => a.Cases, ct);
        var metrics = await db.CaseMetrics.CountAsync(ct);
        return (measured.Count, lost, twice.Count + Math.Max(0, counted - metrics));
    }
}
