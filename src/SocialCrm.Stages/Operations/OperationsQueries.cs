using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Stages.Operations;

/// <summary>One stage in one minute: messages handled (by every process of a cluster), their handling time, and those parked.</summary>
public sealed record StageMinute(string Stage, DateTime Minute, int Handled, double MeanMs, double MaxMs, int Parked);

/// <summary>One stage over the window: throughput, handling time, failures parked, and its queue where the transport tells it.</summary>
public sealed record StageSummary(string Stage, int Handled, double PerSecond, double? MeanMs, double? MaxMs, int Parked, QueueDepth? Queue);

/// <summary>A process of the cluster as it last reported itself; State is running, stopped or not answering.</summary>
public sealed record ClusterProcess(string Host, string Machine, int ProcessId, IReadOnlyList<string> Stages, string Version,
    DateTime StartedAt, DateTime LastSeenAt, DateTime? StoppedAt, string State);

public sealed record OperationsSnapshot(
    DateTime At, int WindowMinutes, int OutboxPending, DateTime? OldestPendingAt, double? OldestPendingSeconds,
    int ParkedWaiting, IReadOnlyList<StageSummary> Stages, IReadOnlyList<StageMinute> Minutes, string Transport, string? QueuesUnavailable,
    IReadOnlyList<ClusterProcess> Processes);

/// <summary>
/// The operations page's figures, read from the store every process shares (inbox rows are written by whichever
/// process handled the message, so a cluster is seen whole) and from the broker's queues.
/// </summary>
public sealed class OperationsQueries(CrmDbContext db, QueueDepths queues, SocialCrmOptions options, TimeProvider clock)
{
    public async Task<OperationsSnapshot> SnapshotAsync(int minutes, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc).AddMinutes(1 - minutes);
        var handled = await db.InboxMessages.AsNoTracking().Where(i => i.ProcessedAt >= since)
            .GroupBy(i => new { i.Consumer, i.ProcessedAt.Year, i.ProcessedAt.Month, i.ProcessedAt.Day, i.ProcessedAt.Hour, i.ProcessedAt.Minute })
            .Select(g => new { g.Key, Count = g.Count(), Total = g.Sum(i => i.HandlingMs), Max = g.Max(i => i.HandlingMs) })
            .ToListAsync(ct);
        var parked = await db.FailedMessages.AsNoTracking().Where(f => f.FailedAt >= since).Select(f => new { f.MessageType, f.FailedAt }).ToListAsync(ct);
        var pending = await db.OutboxMessages.AsNoTracking().Where(m => m.SentAt == null).CountAsync(ct);
        var oldest = pending == 0 ? null : await db.OutboxMessages.AsNoTracking().Where(m => m.SentAt == null).MinAsync(m => (DateTime?)m.CreatedAt, ct);
        var waiting = await db.FailedMessages.AsNoTracking().CountAsync(f => f.ReplayedAt == null, ct);
        var (depths, unavailable) = await queues.ReadAsync(ct);
        var processes = (await db.ProcessHeartbeats.AsNoTracking().OrderBy(p => p.Host).ThenBy(p => p.StartedAt).ToListAsync(ct))
            .Select(p => new ClusterProcess(p.Host, p.Machine, p.ProcessId, p.Stages.Split(',', StringSplitOptions.RemoveEmptyEntries), p.Version,
                p.StartedAt, p.LastSeenAt, p.StoppedAt,
                p.StoppedAt is not null ? "stopped" : now - p.LastSeenAt > ProcessHeartbeats.Silent ? "not answering" : "running"))
            .OrderBy(p => p.State == "running" ? 0 : p.State == "not answering" ? 1 : 2).ThenBy(p => p.Host).ThenBy(p => p.StartedAt).ToList();

        var cells = new Dictionary<(string Stage, DateTime Minute), (int Count, double Total, double Max, int Parked)>();
        foreach (var row in handled)
        {
            var key = (StageBusExtensions.StageOf(row.Key.Consumer) ?? row.Key.Consumer, new DateTime(row.Key.Year, row.Key.Month, row.Key.Day, row.Key.Hour, row.Key.Minute, 0, DateTimeKind.Utc));
            var cell = cells.GetValueOrDefault(key);
            cells[key] = (cell.Count + row.Count, cell.Total + row.Total, Math.Max(cell.Max, row.Max), cell.Parked);
        }
        foreach (var row in parked)
        {
            var key = (StageBusExtensions.StageOf(row.MessageType) ?? "unreadable", new DateTime(row.FailedAt.Ticks - row.FailedAt.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc));
            var cell = cells.GetValueOrDefault(key);
            cells[key] = cell with { Parked = cell.Parked + 1 };
        }
        var stages = StageWorkflows.All.Concat(cells.Keys.Select(k => k.Stage)).Distinct().ToList();
        var minuteList = stages.SelectMany(stage => Enumerable.Range(0, minutes).Select(i => since.AddMinutes(i)).Select(minute =>
        {
            var c = cells.GetValueOrDefault((stage, minute));
            return new StageMinute(stage, minute, c.Count, c.Count == 0 ? 0 : c.Total / c.Count, c.Max, c.Parked);
        })).ToList();
        var elapsed = Math.Max(1, (now - since).TotalSeconds);
        var summaries = stages.Select(stage =>
        {
            var of = minuteList.Where(m => m.Stage == stage).ToList();
            var count = of.Sum(m => m.Handled);
            return new StageSummary(stage, count, count / elapsed, count == 0 ? null : of.Sum(m => m.MeanMs * m.Handled) / count,
                count == 0 ? null : of.Max(m => m.MaxMs), of.Sum(m => m.Parked), depths.FirstOrDefault(d => d.Stage == stage));
        }).ToList();
        return new OperationsSnapshot(now, minutes, pending, oldest, oldest is { } o ? (now - o).TotalSeconds : null, waiting, summaries, minuteList,
            options.Bus.Transport, unavailable, processes);
    }
}
