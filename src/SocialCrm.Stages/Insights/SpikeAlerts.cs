using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SocialCrm.Domain.Insights;
using SocialCrm.Persistence;
using SocialCrm.Scoring.Topics;

namespace SocialCrm.Stages.Insights;

/// <summary>
/// Checks every shown topic (a merged one counts for the topic it was merged into; a hidden one raises nothing) for a
/// spike in its last SpikeWindowMinutes against its BaselineHours before them (SpikeDetector), and stores an alert for
/// each, at most one of a kind per topic in AlertQuietHours. Nothing is raised until the store holds BaselineHours of posts.
/// </summary>
public sealed class SpikeAlerts(CrmDbContext db, InsightsOptions options, TimeProvider clock, ILogger<SpikeAlerts> log)
{
    public async Task<IReadOnlyList<TopicAlert>> CheckAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var window = TimeSpan.FromMinutes(options.SpikeWindowMinutes);
        var baseline = TimeSpan.FromHours(options.BaselineHours);
        var windowStart = now - window;
        var baselineStart = windowStart - baseline;
        // A store younger than the baseline has no baseline: every topic would look like a spike on a fresh install.
        if (await db.Signals.MinAsync(s => (DateTime?)s.PostedAt, ct) is not { } earliest || earliest > baselineStart) return [];
        var posts = await (from st in db.SignalTopics
                           join s in db.Signals on st.SignalId equals s.Id
                           where s.PostedAt >= baselineStart && s.PostedAt <= now && s.RemovedAt == null
                           select new { st.TopicId, s.PostedAt, Negative = s.Sentiment == "negative" }).ToListAsync(ct);
        var topics = await db.Topics.AsNoTracking().Select(t => new { t.Id, t.MergedIntoId, t.Hidden, t.Name, t.Label }).ToDictionaryAsync(t => t.Id, ct);
        Guid Shown(Guid id) => TopicMerges.Shown(id, x => topics.TryGetValue(x, out var t) ? t.MergedIntoId : null);

        var recent = await db.TopicAlerts.AsNoTracking().Where(a => a.RaisedAt > now.AddHours(-options.AlertQuietHours))
            .Select(a => new { a.TopicId, a.Kind }).ToListAsync(ct);
        var raised = new List<TopicAlert>();
        foreach (var group in posts.GroupBy(p => Shown(p.TopicId)).OrderBy(g => g.Key))
        {
            if (!topics.TryGetValue(group.Key, out var topic) || topic.Hidden) continue;
            var inWindow = group.Where(p => p.PostedAt >= windowStart).ToList();
            var before = group.Where(p => p.PostedAt < windowStart).ToList();
            var activity = new TopicActivity(inWindow.Count, inWindow.Count(p => p.Negative), before.Count, before.Count(p => p.Negative), window, baseline);
            foreach (var spike in SpikeDetector.Check(activity))
            {
                var kind = spike.Kind == SpikeKind.Volume ? TopicAlertKinds.Volume : TopicAlertKinds.NegativeShare;
                if (recent.Any(a => a.TopicId == group.Key && a.Kind == kind)) continue;
                var alert = new TopicAlert
                {
                    TopicId = group.Key, Kind = kind, RaisedAt = now, WindowStart = windowStart, Observed = spike.Observed,
                    Expected = spike.Expected, PValue = spike.PValue, Reason = spike.Reason,
                };
                db.TopicAlerts.Add(alert);
                raised.Add(alert);
                log.LogWarning("topic alert: {Topic}: {Reason}", topic.Name ?? topic.Label, spike.Reason);
            }
        }
        if (raised.Count > 0) await db.SaveChangesAsync(ct);
        return raised;
    }
}
