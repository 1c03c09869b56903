using SocialCrm.Domain.Cases;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Domain.Measure;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Customers;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Measure.Reports;

/// <summary>
/// The analysts' measure report over measured cases, filtered and broken down; the console, GET /api/reports/measure
/// and the CSV export all read the same rows, so the export's totals are the report's.
/// </summary>
public sealed class CaseReportQuery(CrmDbContext db, TimeProvider clock)
{
    /// <summary>The most cases one report reads, and the longest range it covers.</summary>
    public const int MaxRows = 200_000, MaxDays = 366;

    /// <summary>The range after defaults (the 30 days up to today), or why it is refused.</summary>
    public (DateOnly From, DateOnly To) Range(ReportFilter filter)
    {
        var to = filter.To ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = filter.From ?? to.AddDays(-29);
        if (to < from) throw new ArgumentException($"the range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
        if (to.DayNumber - from.DayNumber >= MaxDays) throw new ArgumentException($"a report covers at most {MaxDays} days; {from:yyyy-MM-dd} to {to:yyyy-MM-dd} is {to.DayNumber - from.DayNumber + 1}");
        return (from, to);
    }

    public async Task<List<CaseReportRow>> RowsAsync(ReportFilter filter, CancellationToken ct)
    {
        var (from, to) = Range(filter);
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var query =
            from m in db.CaseMetrics.AsNoTracking()
            where m.MeasuredAt >= start && m.MeasuredAt < end
            join c in db.Cases on m.CaseId equals c.Id
            join s in db.Signals on c.SignalId equals s.Id
            join b in db.CaseBriefs on c.Id equals b.CaseId into briefs
            from b in briefs.DefaultIfEmpty()
            join a in db.AgentActions on c.Id equals a.CaseId into actions
            from a in actions.DefaultIfEmpty()
            // The agent who acted (an auto-reply has none): the one the case's figures are credited to.
            select new { m, c.CreatedAt, c.Queue, c.Tags, Agent = a == null ? null : a.Agent, s.Language, Value = b == null ? (double?)null : b.ValueScore };
        if (!string.IsNullOrEmpty(filter.Platform)) query = query.Where(x => x.m.Platform == filter.Platform);
        if (!string.IsNullOrEmpty(filter.Queue)) query = query.Where(x => x.Queue == filter.Queue);
        if (!string.IsNullOrEmpty(filter.Language)) query = query.Where(x => x.Language == filter.Language);
        if (!string.IsNullOrEmpty(filter.ReplyKind)) query = filter.ReplyKind == "none" ? query.Where(x => x.m.ReplyKind == null) : query.Where(x => x.m.ReplyKind == filter.ReplyKind);
        if (!string.IsNullOrEmpty(filter.Agent)) query = query.Where(x => x.Agent == filter.Agent);
        if (!string.IsNullOrEmpty(filter.Tag))
        {
            var tag = "," + filter.Tag.Trim().ToLowerInvariant() + ",";
            query = query.Where(x => ("," + x.Tags + ",").Contains(tag));
        }
        var found = await query.OrderBy(x => x.m.MeasuredAt).Take(MaxRows + 1).ToListAsync(ct);
        if (found.Count > MaxRows) throw new ArgumentException($"more than {MaxRows:N0} cases were measured in this range: narrow the dates or add a filter");
        var rows = found
            .Select(x => new CaseReportRow(x.m.CaseId, x.CreatedAt, x.m.MeasuredAt, x.m.Platform, x.Queue, x.Language, x.m.Decision, x.m.Action, x.m.ReplyKind,
                x.Value, ValueTiers.Of(x.Value), x.Agent, x.m.FirstResponseSeconds, x.m.HandlingSeconds, x.m.SlaMet,
                x.m.SentimentBefore, x.m.SentimentAfter, ((RelationshipStatus)x.m.StatusBefore).ToString(), ((RelationshipStatus)x.m.StatusAfter).ToString(),
                x.m.ConnectionOutcome, x.m.PurchaseAmount, x.m.Outcome));
        if (!string.IsNullOrEmpty(filter.ValueTier)) rows = rows.Where(r => r.ValueTier == filter.ValueTier);
        if (!string.IsNullOrEmpty(filter.Metric)) rows = rows.Where(r => ReportMetrics.Matches(filter.Metric, r));
        return rows.ToList();
    }

    public async Task<CaseReport> ReportAsync(ReportFilter filter, CancellationToken ct)
    {
        var (from, to) = Range(filter);
        var rows = await RowsAsync(filter, ct);
        var byKind = rows.GroupBy(r => r.ReplyKind ?? "none").OrderBy(g => g.Key).Select(g => new KindFigures(g.Key, Figures(g.ToList()))).ToList();
        var byTier = (from tier in ValueTiers.All
                      from kind in new[] { ReplyKindResult.Personalised, ReplyKindResult.Standard }
                      select new KindTierFigures(tier, kind, Figures(rows.Where(r => r.ValueTier == tier && r.ReplyKind == kind).ToList()))).ToList();
        var byDay = rows.ToLookup(r => DateOnly.FromDateTime(r.MeasuredAt));
        var days = new List<ReportDay>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var d = day;
            var onDay = byDay[d].ToList();
            days.Add(new ReportDay(d, onDay.Count, onDay.Count(r => r.Action == MeasuredActions.Replied), onDay.Count == 0 ? null : Rate(onDay.Count(r => r.SlaMet), onDay.Count),
                Percentile(onDay.Where(r => r.FirstResponseSeconds is not null).Select(r => r.FirstResponseSeconds!.Value).ToList(), 0.5), Math.Round(onDay.Sum(r => r.RevenueAfter), 2)));
        }
        return new CaseReport(from, to, filter, Figures(rows), byKind, byTier, days);
    }

    public async Task<ReportFacets> FacetsAsync(CancellationToken ct)
    {
        var measured = db.CaseMetrics.AsNoTracking();
        return new(
            await measured.Select(m => m.Platform).Distinct().OrderBy(p => p).ToArrayAsync(ct),
            await measured.Join(db.Cases, m => m.CaseId, c => c.Id, (m, c) => c.Queue).Distinct().OrderBy(q => q).ToArrayAsync(ct),
            [.. (await measured.Join(db.Cases, m => m.CaseId, c => c.Id, (m, c) => c.SignalId).Join(db.Signals, id => id, s => s.Id, (id, s) => s.Language).Distinct().ToListAsync(ct))
                .Where(l => l != null).Select(l => l!).Order()],
            await db.AgentActions.AsNoTracking().Join(measured, a => a.CaseId, m => m.CaseId, (a, m) => a.Agent).Distinct().OrderBy(a => a).ToArrayAsync(ct),
            // The tags in use: those the macros add and those on the latest cases (ids are time-ordered; a bounded read, not a scan).
            [.. (await db.Macros.AsNoTracking().Select(m => m.Tags).ToListAsync(ct))
                .Concat(await db.Cases.AsNoTracking().OrderByDescending(c => c.Id).Take(5000).Select(c => c.Tags).ToListAsync(ct))
                .SelectMany(CaseTags.Of).Distinct().Order()]);
    }

    public static ReportFigures Figures(IReadOnlyList<CaseReportRow> rows)
    {
        var cases = rows.Count;
        var replied = rows.Count(r => r.Action == MeasuredActions.Replied);
        var firstResponses = rows.Where(r => r.FirstResponseSeconds is not null).Select(r => r.FirstResponseSeconds!.Value).ToList();
        var handling = rows.Select(r => r.HandlingSeconds).ToList();
        var slaMet = rows.Count(r => r.SlaMet);
        var followed = rows.Where(r => r.SentimentAfter is not null).ToList();
        var sent = rows.Count(r => r.Connection != "none");
        var accepted = rows.Count(r => r.Connection == "accepted");
        var bought = rows.Count(r => r.RevenueAfter > 0);
        return new ReportFigures(cases, replied, rows.Count(r => r.Action == MeasuredActions.Ignored),
            Percentile(firstResponses, 0.5), Percentile(firstResponses, 0.9), Percentile(handling, 0.5), handling.Count == 0 ? null : Math.Round(handling.Average(), 1),
            slaMet, cases == 0 ? null : Rate(slaMet, cases),
            followed.Count, replied == 0 ? null : Rate(followed.Count, replied),
            followed.Count == 0 ? null : Math.Round(followed.Average(r => r.SentimentBefore), 3),
            followed.Count == 0 ? null : Math.Round(followed.Average(r => r.SentimentAfter!.Value), 3),
            followed.Count == 0 ? null : Math.Round(followed.Average(r => r.SentimentAfter!.Value - r.SentimentBefore), 3),
            rows.Count(r => r.LadderAfter != r.LadderBefore), sent, accepted, sent == 0 ? null : Rate(accepted, sent),
            bought, cases == 0 ? null : Rate(bought, cases), Math.Round(rows.Sum(r => r.RevenueAfter), 2));
    }

    /// <summary>The nearest-rank percentile, or null for no values.</summary>
    public static double? Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToArray();
        return Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 1);
    }

    private static double Rate(int part, int whole) => Math.Round((double)part / whole, 4);
}
