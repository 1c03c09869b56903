using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Measure;
using SocialCrm.Persistence;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Measure.Activities;

/// <summary>Folds the case's metrics into the day's aggregate for its reply kind (the day the case was opened).</summary>
public sealed class UpdateDailyAggregatesActivity(CrmDbContext db) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "UpdateDailyAggregates", "Adds the case to the daily aggregates.", [ActivityResult.Done]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ct = context.CancellationToken;
        var caseId = context.RequireGuid("case.id");
        var m = db.CaseMetrics.Local.Single(x => x.CaseId == caseId);
        var @case = (await db.Cases.FindAsync([caseId], ct))!;
        var day = DateOnly.FromDateTime(@case.CreatedAt);
        var kind = m.ReplyKind ?? "none";
        var aggregate = await db.DailyAggregates.SingleOrDefaultAsync(a => a.Day == day && a.ReplyKind == kind, ct);
        if (aggregate is null)
        {
            aggregate = new DailyAggregate { Day = day, ReplyKind = kind };
            db.DailyAggregates.Add(aggregate);
        }
        aggregate.Cases++;
        if (m.Action == "ignored") aggregate.Ignored++; else aggregate.Replied++;
        if (m.SlaMet) aggregate.SlaMet++;
        aggregate.SumFirstResponseSeconds += m.FirstResponseSeconds ?? 0;
        aggregate.SumHandlingSeconds += m.HandlingSeconds;
        if (m.SentimentAfter is { } after)
        {
            aggregate.WithFollowUp++;
            aggregate.SumSentimentDelta += after - m.SentimentBefore;
        }
        if (m.StatusAfter > m.StatusBefore) aggregate.StatusUpgrades++;
        if (m.ConnectionOutcome != "none") aggregate.ConnectionsRequested++;
        if (m.ConnectionOutcome == "accepted") aggregate.ConnectionsAccepted++;
        return ActivityResult.Completed(detail: $"{day:yyyy-MM-dd} {kind}");
    }
}
