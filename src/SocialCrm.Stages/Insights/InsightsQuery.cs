using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Insights;
using SocialCrm.Persistence;
using SocialCrm.Stages.Measure.Reports;

namespace SocialCrm.Stages.Insights;

/// <summary>The Insights filters: a range of UTC days (inclusive; default the last 30) and the report's platform, language and queue.</summary>
public sealed record InsightsFilter
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Platform { get; init; }
    public string? Language { get; init; }
    public string? Queue { get; init; }
    /// <summary>Also list hidden topics (admins deciding what to show).</summary>
    public bool IncludeHidden { get; init; }
}

public sealed record TopicFigures(Guid Id, string Name, string Label, bool Named, bool Hidden, int Volume, int PreviousVolume, double? Change,
    double NegativeShare, double? PreviousNegativeShare, IReadOnlyDictionary<string, int> Intents, IReadOnlyDictionary<string, int> ValueTiers,
    IReadOnlyList<string> Products, IReadOnlyList<string> OrderTerms, IReadOnlyList<string> Terms, int OpenAlerts);

public sealed record TopicDay(DateOnly Day, Guid TopicId, int Volume, int Negative);

public sealed record InsightsReport(DateOnly From, DateOnly To, DateOnly PreviousFrom, DateOnly PreviousTo, int Posts, int PostsWithoutTopic,
    IReadOnlyList<TopicFigures> Topics, IReadOnlyList<TopicDay> Days, DateTime? ComputedAt, string[] Platforms, string[] Languages, string[] Queues);

public sealed record TopicCase(Guid SignalId, Guid? CaseId, DateTime PostedAt, string Platform, string AuthorHandle, string Text, string? Language,
    string? Sentiment, string? Intent, string? Status, string? Queue);

public sealed record TopicAlertView(Guid Id, Guid TopicId, string Topic, string Kind, DateTime RaisedAt, DateTime WindowStart, int Observed,
    double Expected, string Reason, DateTime? AcknowledgedAt, string? AcknowledgedBy);

/// <summary>What customers talk about: topics over a range with their trend against the previous range of the same length.</summary>
public sealed class InsightsQuery(CrmDbContext db, TimeProvider clock)
{
    private sealed record Post(Guid TopicId, DateTime PostedAt, string Platform, string? Language, string? Sentiment, string? Intent, string? Queue, double? Value);

    public (DateOnly From, DateOnly To) Range(InsightsFilter filter)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var to = filter.To ?? (filter.From is { } f && f > today ? f : today);
        return (filter.From ?? to.AddDays(-29), to);
    }

    public Task<TopicAlertView?> AlertAsync(Guid id, CancellationToken ct) => AlertViews(db.TopicAlerts.Where(a => a.Id == id)).SingleOrDefaultAsync(ct);

    /// <summary>The posts behind an alert: its topic's posts since the start of the window the spike was seen in.</summary>
    public Task<IReadOnlyList<TopicCase>?> AlertCasesAsync(TopicAlertView alert, CancellationToken ct) =>
        CasesAsync(alert.TopicId, new InsightsFilter { From = DateOnly.FromDateTime(alert.WindowStart), To = DateOnly.FromDateTime(alert.RaisedAt) }, ct, since: alert.WindowStart);

    public async Task<InsightsReport> ReportAsync(InsightsFilter filter, CancellationToken ct)
    {
        var (from, to) = Range(filter);
        var days = to.DayNumber - from.DayNumber + 1;
        var (previousFrom, previousTo) = (from.AddDays(-days), from.AddDays(-1));
        var posts = await PostsAsync(filter, previousFrom, to, ct);
        var topics = await db.Topics.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        Guid Shown(Guid id) => TopicMerges.Shown(id, x => topics.TryGetValue(x, out var t) ? t.MergedIntoId : null);
        var openAlerts = (await db.TopicAlerts.AsNoTracking().Where(a => a.AcknowledgedAt == null).Select(a => a.TopicId).ToListAsync(ct))
            .GroupBy(Shown).ToDictionary(g => g.Key, g => g.Count());

        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var current = posts.Where(p => p.PostedAt >= start).ToList();
        var previous = posts.Where(p => p.PostedAt < start).GroupBy(p => Shown(p.TopicId)).ToDictionary(g => g.Key, g => g.ToList());
        var figures = current.GroupBy(p => Shown(p.TopicId)).Select(g =>
        {
            var topic = topics[g.Key];
            var before = previous.GetValueOrDefault(g.Key) ?? [];
            double? Share(List<Post> ps) => ps.Count == 0 ? null : ps.Count(p => p.Sentiment == "negative") / (double)ps.Count;
            var list = g.ToList();
            return new TopicFigures(topic.Id, topic.DisplayName, topic.Label, topic.Name is not null, topic.Hidden, list.Count, before.Count,
                before.Count == 0 ? null : (list.Count - before.Count) / (double)before.Count, Share(list) ?? 0, Share(before),
                list.GroupBy(p => p.Intent ?? "unknown").OrderByDescending(i => i.Count()).ToDictionary(i => i.Key, i => i.Count()),
                ValueTiers.All.ToDictionary(t => t, t => list.Count(p => p.Value is not null && ValueTiers.Of(p.Value) == t)),
                Json(topic.ProductsJson), Json(topic.OrderTermsJson), Json(topic.TermsJson), openAlerts.GetValueOrDefault(topic.Id));
        }).Where(t => filter.IncludeHidden || !t.Hidden)
            // A topic with an open alert first, however small it still is: it is what someone must look at now.
            .OrderByDescending(t => t.OpenAlerts > 0).ThenByDescending(t => t.Volume).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        var shown = figures.Select(f => f.Id).ToHashSet();
        var byDay = current.Where(p => shown.Contains(Shown(p.TopicId)))
            .GroupBy(p => (Day: DateOnly.FromDateTime(p.PostedAt), Topic: Shown(p.TopicId)))
            .Select(g => new TopicDay(g.Key.Day, g.Key.Topic, g.Count(), g.Count(p => p.Sentiment == "negative")))
            .OrderBy(d => d.Day).ThenBy(d => d.TopicId).ToList();

        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var all = db.Signals.AsNoTracking().Where(s => s.PostedAt >= start && s.PostedAt < end && s.RemovedAt == null);
        if (filter.Platform is { } p1) all = all.Where(s => s.Platform == p1);
        if (filter.Language is { } l1) all = all.Where(s => s.Language == l1);
        if (filter.Queue is { } q1) all = all.Where(s => db.Cases.Any(c => c.SignalId == s.Id && c.Queue == q1));
        var allPosts = await all.CountAsync(ct);
        return new InsightsReport(from, to, previousFrom, previousTo, current.Count, Math.Max(0, allPosts - current.Count), figures, byDay,
            topics.Values.Select(t => (DateTime?)t.ComputedAt).Max(),
            await db.Signals.AsNoTracking().Select(s => s.Platform).Distinct().OrderBy(p => p).ToArrayAsync(ct),
            await db.Signals.AsNoTracking().Where(s => s.Language != null).Select(s => s.Language!).Distinct().OrderBy(l => l).ToArrayAsync(ct),
            await db.Cases.AsNoTracking().Select(c => c.Queue).Distinct().OrderBy(q => q).ToArrayAsync(ct));
    }

    /// <summary>The posts of a topic (and of the topics merged into it) over the range, newest first, with their cases.</summary>
    public async Task<IReadOnlyList<TopicCase>?> CasesAsync(Guid topicId, InsightsFilter filter, CancellationToken ct, DateTime? since = null)
    {
        if (!await db.Topics.AnyAsync(t => t.Id == topicId, ct)) return null;
        var merged = await db.Topics.AsNoTracking().Where(t => t.MergedIntoId == topicId).Select(t => t.Id).ToListAsync(ct);
        merged.Add(topicId);
        var (from, to) = Range(filter);
        var start = since ?? from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var query = from st in db.SignalTopics
                    join s in db.Signals on st.SignalId equals s.Id
                    join c in db.Cases on s.Id equals c.SignalId into cs
                    from c in cs.DefaultIfEmpty()
                    where merged.Contains(st.TopicId) && s.PostedAt >= start && s.PostedAt < end && s.RemovedAt == null
                    select new { s, c };
        if (filter.Platform is { } platform) query = query.Where(x => x.s.Platform == platform);
        if (filter.Language is { } language) query = query.Where(x => x.s.Language == language);
        if (filter.Queue is { } queue) query = query.Where(x => x.c != null && x.c.Queue == queue);
        return await query.OrderByDescending(x => x.s.PostedAt).Take(500)
            .Select(x => new TopicCase(x.s.Id, x.c == null ? null : x.c.Id, x.s.PostedAt, x.s.Platform, x.s.AuthorHandle, x.s.Text, x.s.Language,
                x.s.Sentiment, x.s.Intent, x.c == null ? null : x.c.Status, x.c == null ? null : x.c.Queue))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<TopicAlertView>> AlertsAsync(bool openOnly, CancellationToken ct) =>
        await AlertViews(db.TopicAlerts.Where(a => !openOnly || a.AcknowledgedAt == null)).Take(200).ToListAsync(ct);

    /// <summary>Alerts with their topic's name, newest first.</summary>
    private IQueryable<TopicAlertView> AlertViews(IQueryable<TopicAlert> alerts) =>
        from a in alerts.AsNoTracking()
        join t in db.Topics on a.TopicId equals t.Id
        orderby a.RaisedAt descending
        select new TopicAlertView(a.Id, a.TopicId, t.Name ?? t.Label, a.Kind, a.RaisedAt, a.WindowStart, a.Observed, a.Expected, a.Reason,
            a.AcknowledgedAt, a.AcknowledgedBy);

    public Task<int> OpenAlertCountAsync(CancellationToken ct) => db.TopicAlerts.CountAsync(a => a.AcknowledgedAt == null, ct);

    private async Task<List<Post>> PostsAsync(InsightsFilter filter, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var query = from st in db.SignalTopics
                    join s in db.Signals on st.SignalId equals s.Id
                    join c in db.Cases on s.Id equals c.SignalId into cs
                    from c in cs.DefaultIfEmpty()
                    join b in db.CaseBriefs on c.Id equals b.CaseId into bs
                    from b in bs.DefaultIfEmpty()
                    where s.PostedAt >= start && s.PostedAt < end && s.RemovedAt == null
                    select new { st.TopicId, s.PostedAt, s.Platform, s.Language, s.Sentiment, s.Intent, Queue = c == null ? null : c.Queue, Value = b == null ? (double?)null : b.ValueScore };
        if (filter.Platform is { } platform) query = query.Where(x => x.Platform == platform);
        if (filter.Language is { } language) query = query.Where(x => x.Language == language);
        if (filter.Queue is { } queue) query = query.Where(x => x.Queue == queue);
        return (await query.ToListAsync(ct)).Select(x => new Post(x.TopicId, x.PostedAt, x.Platform, x.Language, x.Sentiment, x.Intent, x.Queue, x.Value)).ToList();
    }

    private static IReadOnlyList<string> Json(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];
}
