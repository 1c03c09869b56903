using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Measure;
using SocialCrm.Persistence;
using SocialCrm.Stages.Messaging;
using SocialCrm.Stages.Shared;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Measure.Activities;

/// <summary>
/// Folds the case's metrics into the day's aggregate for its reply kind (the day the case was opened). The row is
/// incremented in the database, not read and written back, so concurrent measure consumers lose no update, and made by
/// the same statement when it is the day's first (an upsert; on SQL Server an update, else an insert). Every
/// measured case adds to one of a day's few rows, so the update waits for the end of the transaction (CommitTail),
/// where transactions take those rows in one order and hold them only until they commit.
/// </summary>
public sealed class UpdateDailyAggregatesActivity(CrmDbContext db, CommitTail tail) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "UpdateDailyAggregates", "Adds the case to the daily aggregates.", [ActivityResult.Done]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ct = context.CancellationToken;
        var caseId = context.RequireGuid("case.id");
        var m = db.CaseMetrics.Local.Single(x => x.CaseId == caseId);
        var @case = await db.CaseOf(context);
        var add = Increment(m, DateOnly.FromDateTime(@case.CreatedAt));
        await tail.AddAsync($"DailyAggregates {add.Day:yyyy-MM-dd} {add.ReplyKind}", token => AddAsync(add, token), ct);
        return ActivityResult.Completed(detail: $"{add.Day:yyyy-MM-dd} {add.ReplyKind}");
    }

    /// <summary>The counters a case adds to, by column: every one but the key.</summary>
    private static readonly string[] Counters =
    [
        nameof(DailyAggregate.Cases), nameof(DailyAggregate.Replied), nameof(DailyAggregate.Ignored), nameof(DailyAggregate.SlaMet),
        nameof(DailyAggregate.SumFirstResponseSeconds), nameof(DailyAggregate.SumHandlingSeconds), nameof(DailyAggregate.WithFollowUp),
        nameof(DailyAggregate.SumSentimentDelta), nameof(DailyAggregate.StatusUpgrades), nameof(DailyAggregate.ConnectionsRequested),
        nameof(DailyAggregate.ConnectionsAccepted), nameof(DailyAggregate.Purchases), nameof(DailyAggregate.SumPurchaseAmount),
    ];

    /// <summary>
    /// One statement that adds to the row or makes it (SQLite and PostgreSQL): two workers making a day's first row at
    /// once no longer collide on its key, which at the end of a transaction would fail the whole batch with it.
    /// </summary>
    private static readonly string Upsert = BuildUpsert();

    private static string BuildUpsert()
    {
        static string Quoted(string column) => "\"" + column + "\"";
        var columns = string.Join(", ", new[] { "Day", "ReplyKind" }.Concat(Counters).Select(Quoted));
        var values = string.Join(", ", Enumerable.Range(0, Counters.Length + 2).Select(i => "{" + i + "}"));
        var adds = string.Join(", ", Counters.Select(c => $"{Quoted(c)} = \"DailyAggregates\".{Quoted(c)} + excluded.{Quoted(c)}"));
        return $"INSERT INTO \"DailyAggregates\" ({columns}) VALUES ({values}) ON CONFLICT (\"Day\", \"ReplyKind\") DO UPDATE SET {adds}";
    }

    private async Task AddAsync(DailyAggregate add, CancellationToken ct)
    {
        if (!db.Database.ProviderName!.Contains("SqlServer", StringComparison.Ordinal))
        {
            object[] values = [add.Day, add.ReplyKind, .. Counters.Select(c => typeof(DailyAggregate).GetProperty(c)!.GetValue(add)!)];
            await db.Database.ExecuteSqlRawAsync(Upsert, values, ct);
            return;
        }
        // SQL Server (by configuration, untested here): update, else insert; a concurrent first insert fails on the key.
        var updated = await db.DailyAggregates.Where(a => a.Day == add.Day && a.ReplyKind == add.ReplyKind).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Cases, a => a.Cases + add.Cases)
            .SetProperty(a => a.Replied, a => a.Replied + add.Replied)
            .SetProperty(a => a.Ignored, a => a.Ignored + add.Ignored)
            .SetProperty(a => a.SlaMet, a => a.SlaMet + add.SlaMet)
            .SetProperty(a => a.SumFirstResponseSeconds, a => a.SumFirstResponseSeconds + add.SumFirstResponseSeconds)
            .SetProperty(a => a.SumHandlingSeconds, a => a.SumHandlingSeconds + add.SumHandlingSeconds)
            .SetProperty(a => a.WithFollowUp, a => a.WithFollowUp + add.WithFollowUp)
            .SetProperty(a => a.SumSentimentDelta, a => a.SumSentimentDelta + add.SumSentimentDelta)
            .SetProperty(a => a.StatusUpgrades, a => a.StatusUpgrades + add.StatusUpgrades)
            .SetProperty(a => a.ConnectionsRequested, a => a.ConnectionsRequested + add.ConnectionsRequested)
            .SetProperty(a => a.ConnectionsAccepted, a => a.ConnectionsAccepted + add.ConnectionsAccepted)
            .SetProperty(a => a.Purchases, a => a.Purchases + add.Purchases)
            .SetProperty(a => a.SumPurchaseAmount, a => a.SumPurchaseAmount + add.SumPurchaseAmount), ct);
        if (updated > 0) return;
        db.DailyAggregates.Add(add);
        await db.SaveChangesAsync(ct);
        db.Entry(add).State = EntityState.Detached;
    }

    /// <summary>What one case adds to its day's aggregate.</summary>
    private static DailyAggregate Increment(CaseMetrics m, DateOnly day) => new()
    {
        Day = day,
        ReplyKind = m.ReplyKind ?? "none",
        Cases = 1,
        Replied = m.Action == MeasuredActions.Ignored ? 0 : 1,
        Ignored = m.Action == MeasuredActions.Ignored ? 1 : 0,
        SlaMet = m.SlaMet ? 1 : 0,
        SumFirstResponseSeconds = m.FirstResponseSeconds ?? 0,
        SumHandlingSeconds = m.HandlingSeconds,
        WithFollowUp = m.SentimentAfter is null ? 0 : 1,
        SumSentimentDelta = m.SentimentAfter is { } after ? after - m.SentimentBefore : 0,
        StatusUpgrades = m.StatusAfter > m.StatusBefore ? 1 : 0,
        ConnectionsRequested = m.ConnectionOutcome != "none" ? 1 : 0,
        ConnectionsAccepted = m.ConnectionOutcome == "accepted" ? 1 : 0,
        Purchases = m.PurchaseAmount > 0 ? 1 : 0,
        SumPurchaseAmount = m.PurchaseAmount,
    };
}
