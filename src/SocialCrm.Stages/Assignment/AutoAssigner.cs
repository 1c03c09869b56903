using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Workplace;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Persistence.Workplace;
using SocialCrm.Stages.Notifications;
using SocialCrm.Stages.Settings;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Assignment;

/// <summary>
/// Gives waiting cases of queues with auto-assignment to the available agent of the queue with the fewest open cases
/// under their capacity, the one given a case longest ago among equals (round-robin); most urgent case first. A case
/// nobody has room for waits for the next round. Each assignment is one transaction that first updates the agent's
/// profile row: that row lock makes concurrent assigners (threads or processes) take turns per agent, and the agent's
/// open cases are counted after it, so no agent ever goes above capacity.
/// </summary>
public sealed class AutoAssigner(CrmDbContext db, SettingsStore settings, NotificationCenter notifications, AuditLog audit, StoreWriteGate gate, TimeProvider clock)
{
    public const string Actor = "auto-assignment";
    /// <summary>The simulator's agents' names; their profiles have no user.</summary>
    public const string SimulatedPrefix = "sim-agent-";
    /// <summary>A simulated agent whose profile the simulator has not touched this long is not given cases: the simulator stopped.</summary>
    public static readonly TimeSpan SimulatedAgentsStale = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan GaveBackWindow = TimeSpan.FromHours(1);
    private const int Round = 200;

    /// <summary>One round: the number of cases assigned.</summary>
    public async Task<int> AssignWaitingAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var simulatorAlive = now - SimulatedAgentsStale;
        // Active users who still hold the agent role, and the simulator's agents (a profile and no user) while the
        // simulator runs: it touches their profiles every minute.
        var active = ActiveAgents.Names(db);
        var agents = await db.AgentProfiles.AsNoTracking().Where(p => p.Availability == Availability.Available && p.Capacity > 0
                && (active.Contains(p.UserName)
                    || (!db.Users.Any(u => u.UserName == p.UserName) && p.UserName.StartsWith(SimulatedPrefix) && p.AvailabilityChangedAt > simulatorAlive)))
            .ToListAsync(ct);
        if (agents.Count == 0) return 0;
        var open = await db.Cases.Where(c => c.AssignedAgent != null && c.Status == CaseStatus.AwaitingAgent && !db.AgentActions.Any(a => a.CaseId == c.Id))
            .GroupBy(c => c.AssignedAgent!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var state = agents.ToDictionary(a => a.UserName, a => (Profile: a, Open: open.GetValueOrDefault(a.UserName), Last: a.LastAssignedAt ?? DateTime.MinValue));
        var withRoom = state.Values.Where(a => a.Open < a.Profile.Capacity).Select(a => a.Profile).ToList();
        if (withRoom.Count == 0) return 0;

        // Only the queues someone with room works (queues no version names assign as a new install's do): a full
        // queue's backlog must not hide another queue's cases from its free agents.
        var manual = (await settings.CurrentAsync(ct)).Values.Queues.Where(q => !q.Value.AutoAssign).Select(q => q.Key).ToList();
        var everyQueue = withRoom.Any(a => a.Queues.Length == 0);
        var worked = withRoom.SelectMany(a => a.QueueList).Distinct().ToList();
        var waiting = await db.Cases.AsNoTracking()
            .Where(c => c.Status == CaseStatus.AwaitingAgent && c.AssignedAgent == null && !manual.Contains(c.Queue) && (everyQueue || worked.Contains(c.Queue))
                && !db.AgentActions.Any(a => a.CaseId == c.Id))
            .OrderBy(c => c.SlaDueAt).Select(c => new { c.Id, c.Queue, c.Priority }).Take(Round).ToListAsync(ct);
        if (waiting.Count == 0) return 0;
        // Who gave a case back (released or transferred it away) in the last hour is not handed it again at once.
        var ids = waiting.Select(c => c.Id).ToList();
        var recently = now - GaveBackWindow;
        var gaveBack = (await db.CaseEvents.AsNoTracking()
                .Where(e => ids.Contains(e.CaseId) && (e.Kind == CaseEventKinds.Released || e.Kind == CaseEventKinds.Transferred) && e.At > recently)
                .Select(e => new { e.CaseId, e.Actor }).ToListAsync(ct))
            .ToLookup(e => e.CaseId, e => e.Actor);

        var assigned = 0;
        foreach (var c in waiting)
        {
            while (true)
            {
                var pick = state.Values.Where(a => a.Profile.Works(c.Queue) && a.Open < a.Profile.Capacity && !gaveBack[c.Id].Contains(a.Profile.UserName))
                    .OrderBy(a => a.Open).ThenBy(a => a.Last).ThenBy(a => a.Profile.UserName, StringComparer.Ordinal).Select(a => a.Profile).FirstOrDefault();
                if (pick is null) break;
                var (outcome, holds) = await TryAssignAsync(c.Id, pick.UserName, ct, $"A P{c.Priority} case in {c.Queue} was assigned to you");
                if (outcome == Outcome.Assigned)
                {
                    assigned++;
                    state[pick.UserName] = (pick, holds + 1, clock.GetUtcNow().UtcDateTime);
                    break;
                }
                if (outcome == Outcome.CaseGone) break;
                // The agent is full or no longer available (another assigner, a claim, a status change): not them this round.
                state.Remove(pick.UserName);
            }
            if (state.Count == 0) break;
        }
        return assigned;
    }

    /// <summary>Gives one waiting case to one agent if they are available and have room; false when not (or the case is gone).</summary>
    public async Task<bool> AssignAsync(Guid caseId, string agent, CancellationToken ct) =>
        (await TryAssignAsync(caseId, agent, ct, "A case was assigned to you")).Item1 == Outcome.Assigned;

    private enum Outcome { Assigned, CaseGone, AgentUnavailable }

    private async Task<(Outcome, int Holds)> TryAssignAsync(Guid caseId, string agent, CancellationToken ct, string told)
    {
        using var _ = await gate.EnterAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // The lock: every assignment to this agent waits here for the one before it to commit.
        var locked = await db.AgentProfiles.Where(p => p.UserName == agent && p.Availability == Availability.Available)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastAssignedAt, now), ct);
        if (locked == 0) return (Outcome.AgentUnavailable, 0);
        var capacity = await db.AgentProfiles.Where(p => p.UserName == agent).Select(p => p.Capacity).SingleAsync(ct);
        var holds = await db.Cases.CountAsync(c => c.AssignedAgent == agent && c.Status == CaseStatus.AwaitingAgent && !db.AgentActions.Any(a => a.CaseId == c.Id), ct);
        if (holds >= capacity) return (Outcome.AgentUnavailable, holds);
        var taken = await db.Cases.Where(c => c.Id == caseId && c.Status == CaseStatus.AwaitingAgent && c.AssignedAgent == null && !db.AgentActions.Any(a => a.CaseId == c.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.AssignedAgent, agent).SetProperty(c => c.ClaimedAt, now), ct);
        if (taken == 0) return (Outcome.CaseGone, holds);
        db.CaseEvents.Add(new CaseEvent { CaseId = caseId, Kind = CaseEventKinds.Assigned, Actor = Actor, Agent = agent, At = now });
        notifications.Add(agent, NotificationKinds.Assigned, caseId, told);
        audit.Add(Actor, AuditActions.CaseAssigned, caseId.ToString(), $"to {agent} ({holds + 1} of {capacity} open)");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return (Outcome.Assigned, holds);
    }
}
