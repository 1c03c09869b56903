using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Scoring.ReplyKind;

namespace SocialCrm.Stages.Analyse;

/// <summary>
/// Today's budget of personalised replies: how many briefs today already recommend one, and the bar a case's
/// expected gain must reach, set from yesterday's briefs (ReplyBudget). Without a daily limit it asks nothing of the
/// store. Concurrent analyse consumers may each see the same count and overspend by a few.
/// </summary>
public sealed class ReplyBudgetTracker(CrmDbContext db, TimeProvider clock, ReplyThresholds thresholds)
{
    public async Task<(ReplyBudget Budget, int UsedToday)> TodayAsync(int perDay, CancellationToken ct)
    {
        if (perDay <= 0) return (ReplyBudget.Unlimited, 0);
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var used = await db.CaseBriefs.CountAsync(b => b.CreatedAt >= today && b.RecommendedReplyKind == ReplyKindResult.Personalised, ct);
        if (!thresholds.ByDay.TryGetValue((today, perDay), out var threshold))
        {
            var yesterday = today.AddDays(-1);
            var gains = await db.CaseBriefs.AsNoTracking().Where(b => b.CreatedAt >= yesterday && b.CreatedAt < today && b.ReplyGain != null)
                .OrderByDescending(b => b.ReplyGain).Take(ReplyBudget.Rank(perDay)).Select(b => b.ReplyGain!.Value).ToListAsync(ct);
            thresholds.ByDay[(today, perDay)] = threshold = ReplyBudget.ThresholdFrom(gains, perDay);
        }
        return (new ReplyBudget(perDay, threshold), used);
    }
}

/// <summary>The day's bar, worked out once a day per process (and again when the day's budget is changed).</summary>
public sealed class ReplyThresholds
{
    public ConcurrentDictionary<(DateTime Day, int PerDay), double> ByDay { get; } = new();
}
