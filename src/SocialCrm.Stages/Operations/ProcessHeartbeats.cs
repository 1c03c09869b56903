using System.Diagnostics;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Persistence.Diagnostics;
using SocialCrm.Persistence.Messaging;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Stages.Operations;

/// <summary>
/// Every process says in the shared store who it is and that it is still there, so the operations page lists a
/// cluster's processes, the stages each runs and when each was last seen, without asking any of them. A clean stop
/// is recorded as one; a process killed or lost simply stops being seen.
/// </summary>
public sealed class ProcessHeartbeats(IServiceScopeFactory scopes, StoreWriteGate gate, TimeProvider clock, SocialCrmOptions options, ILogger<ProcessHeartbeats> log)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Not seen for three beats: the page says it is not answering.</summary>
    public static readonly TimeSpan Silent = 3 * Interval;

    /// <summary>Rows of processes gone for a day are deleted: a restarted process is a new row, and a rollout would pile them up.</summary>
    public static readonly TimeSpan Forget = TimeSpan.FromDays(1);

    private readonly ProcessHeartbeat _self = Describe(options);

    public string Id => _self.Id;

    private static ProcessHeartbeat Describe(SocialCrmOptions options)
    {
        var entry = Assembly.GetEntryAssembly();
        var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        return new ProcessHeartbeat
        {
            Id = $"{Environment.MachineName}/{Environment.ProcessId}/{started:yyyyMMddHHmmssfff}",
            Host = entry?.GetName().Name ?? "SocialCrm",
            Machine = Environment.MachineName,
            ProcessId = Environment.ProcessId,
            Stages = string.Join(",", StageWorkflows.All.Where(options.Runs)),
            Version = entry?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "",
            StartedAt = started,
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await BeatAsync(stoppedAt: null, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "could not record this process as running; trying again in {Seconds} s", Interval.TotalSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await BeatAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogInformation(e, "could not record this process's stop (it will show as not answering)");
        }
    }

    public async Task BeatAsync(DateTime? stoppedAt, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        using var _ = await gate.EnterAsync(ct);
        var updated = await db.ProcessHeartbeats.TagWith(StoreTags.Maintenance + "heartbeat").Where(p => p.Id == _self.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.LastSeenAt, now).SetProperty(p => p.StoppedAt, stoppedAt), ct);
        if (updated == 0)
        {
            db.ProcessHeartbeats.Add(new ProcessHeartbeat
            {
                Id = _self.Id, Host = _self.Host, Machine = _self.Machine, ProcessId = _self.ProcessId, Stages = _self.Stages,
                Version = _self.Version, StartedAt = _self.StartedAt, LastSeenAt = now, StoppedAt = stoppedAt,
            });
            await db.SaveChangesAsync(ct);
        }
        var forgotten = now - Forget;
        await db.ProcessHeartbeats.TagWith(StoreTags.Maintenance + "heartbeat").Where(p => p.LastSeenAt < forgotten).ExecuteDeleteAsync(ct);
    }
}
