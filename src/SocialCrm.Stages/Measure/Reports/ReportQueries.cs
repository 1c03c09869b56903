using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Measure;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Measure.Reports;

/// <summary>Reads the measure aggregates into reports, and the per-stage counts.</summary>
public sealed class ReportQueries(CrmDbContext db, TimeProvider clock)
{
    public async Task<MeasureReport> ReportAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var end = to ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = from ?? end.AddDays(-29);
        if (start > end) throw new ArgumentException($"'from' ({start:yyyy-MM-dd}) is after 'to' ({end:yyyy-MM-dd})");
        var rows = await db.DailyAggregates.AsNoTracking().Where(a => a.Day >= start && a.Day <= end).ToListAsync(ct);
        var byKind = rows.GroupBy(r => r.ReplyKind).OrderBy(g => g.Key).Select(g => Row(g.Key, g.ToList())).ToList();
        var days = rows.GroupBy(r => r.Day).OrderBy(g => g.Key)
            .Select(g => new DayPoint(g.Key, g.Sum(r => r.Cases), g.Sum(r => r.Replied), Rate(g.Sum(r => r.SlaMet), g.Sum(r => r.Cases)))).ToList();
        return new MeasureReport(start, end, Row("all", rows), byKind, days);
    }

    private static ReportRow Row(string kind, IReadOnlyCollection<DailyAggregate> a)
    {
        int Sum(Func<DailyAggregate, int> f) => a.Sum(f);
        var cases = Sum(x => x.Cases);
        var replied = Sum(x => x.Replied);
        var followUps = Sum(x => x.WithFollowUp);
        var requested = Sum(x => x.ConnectionsRequested);
        return new ReportRow(kind, cases, replied, Sum(x => x.Ignored), Rate(Sum(x => x.SlaMet), cases),
            replied == 0 ? null : Math.Round(a.Sum(x => x.SumFirstResponseSeconds) / replied, 2),
            cases == 0 ? 0 : Math.Round(a.Sum(x => x.SumHandlingSeconds) / cases, 2),
            Rate(followUps, replied),
            followUps == 0 ? null : Math.Round(a.Sum(x => x.SumSentimentDelta) / followUps, 3),
            Sum(x => x.StatusUpgrades), requested,
            requested == 0 ? null : Rate(Sum(x => x.ConnectionsAccepted), requested),
            Rate(Sum(x => x.Purchases), cases), Math.Round(a.Sum(x => x.SumPurchaseAmount), 2));
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    public async Task<StageCounts> CountsAsync(CancellationToken ct) => new(
        await db.Signals.CountAsync(ct),
        await db.Signals.CountAsync(s => s.CapturedAt != null, ct),
        await db.CaseBriefs.CountAsync(ct),
        await db.Cases.CountAsync(c => c.Status == CaseStatus.AwaitingAgent, ct),
        await db.Cases.CountAsync(c => c.ActedAt != null, ct),
        await db.Cases.CountAsync(c => c.Status == CaseStatus.Measured, ct),
        await db.OutgoingMessages.CountAsync(m => m.Kind == OutgoingKinds.Reply, ct),
        await db.OutgoingMessages.CountAsync(m => m.Kind == OutgoingKinds.ConnectionRequest, ct),
        await db.OutboxMessages.CountAsync(m => m.SentAt == null, ct),
        await db.FailedMessages.CountAsync(m => m.ReplayedAt == null, ct));
}
