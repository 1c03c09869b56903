using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Workplace;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Persistence.Workplace;
using SocialCrm.Stages.Settings;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Assignment;

/// <summary>An agent as assignment sees them: availability, capacity, queues, and how many open cases they hold.</summary>
public sealed record AgentView(string UserName, string Availability, DateTime? AvailabilityChangedAt, int Capacity, IReadOnlyList<string> Queues, int OpenCases)
{
    /// <summary>One of the simulator's agents: a profile with no user behind it.</summary>
    public bool Simulated { get; init; }
}

/// <summary>Agents' availability (set by themselves) and capacity and queues (set by an admin). Changes are audited.</summary>
public sealed class AgentProfileStore(CrmDbContext db, AuditLog audit, StoreWriteGate gate, AssignmentSignal signal, TimeProvider clock)
{
    public async Task<AgentView> GetAsync(string userName, CancellationToken ct)
    {
        var profile = await db.AgentProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserName == userName, ct) ?? new AgentProfile { UserName = userName };
        var open = await db.Cases.CountAsync(c => c.AssignedAgent == userName && c.Status == CaseStatus.AwaitingAgent && !db.AgentActions.Any(a => a.CaseId == c.Id), ct);
        return View(profile, open);
    }

    /// <summary>
    /// Every active user with the agent role, with their profile (offline and the default capacity until they have
    /// one); with <paramref name="simulated"/>, also the simulator's agents, who have a profile and no user.
    /// </summary>
    public async Task<List<AgentView>> ListAsync(CancellationToken ct, bool simulated = false)
    {
        var agents = await ActiveAgents.Names(db).OrderBy(n => n).ToListAsync(ct);
        var profiles = await db.AgentProfiles.AsNoTracking().Where(p => agents.Contains(p.UserName)).ToDictionaryAsync(p => p.UserName, ct);
        var users = agents.Count;
        if (simulated)
            foreach (var p in await db.AgentProfiles.AsNoTracking().Where(p => !db.Users.Any(u => u.UserName == p.UserName)).OrderBy(p => p.UserName).ToListAsync(ct))
            {
                agents.Add(p.UserName);
                profiles[p.UserName] = p;
            }
        var open = await OpenCountsAsync(agents, ct);
        return [.. agents.Select((a, i) => View(profiles.GetValueOrDefault(a) ?? new AgentProfile { UserName = a }, open.GetValueOrDefault(a)) with { Simulated = i >= users })];
    }

    public async Task<Dictionary<string, int>> OpenCountsAsync(IReadOnlyCollection<string> agents, CancellationToken ct) =>
        await db.Cases.Where(c => c.AssignedAgent != null && agents.Contains(c.AssignedAgent) && c.Status == CaseStatus.AwaitingAgent && !db.AgentActions.Any(a => a.CaseId == c.Id))
            .GroupBy(c => c.AssignedAgent!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    /// <summary>Open cases nobody holds, per queue: what auto-assignment (or a claim) still has to give someone.</summary>
    public async Task<Dictionary<string, int>> WaitingByQueueAsync(CancellationToken ct) =>
        await db.Cases.Where(c => c.Status == CaseStatus.AwaitingAgent && c.AssignedAgent == null)
            .GroupBy(c => c.Queue).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    public async Task<AgentView> SetAvailabilityAsync(string userName, string availability, CancellationToken ct)
    {
        var profile = await ChangeAsync(userName, p =>
        {
            if (p.Availability == availability) return null;
            var before = p.Availability;
            p.Availability = availability;
            p.AvailabilityChangedAt = clock.GetUtcNow().UtcDateTime;
            return $"{before} → {availability}";
        }, userName, AuditActions.AgentAvailabilityChanged, ct);
        // Someone with room: the waiting cases can go to them now, not at the next round.
        if (availability == Availability.Available) signal.Wake();
        return await GetAsync(profile.UserName, ct);
    }

    public async Task<AgentView> SetWorkAsync(string userName, int capacity, IReadOnlyList<string> queues, string actor, CancellationToken ct)
    {
        var list = string.Join(",", queues.Select(q => q.Trim()).Where(q => q.Length > 0).Distinct().Order(StringComparer.Ordinal));
        var profile = await ChangeAsync(userName, p =>
        {
            if (p.Capacity == capacity && p.Queues == list) return null;
            var detail = $"capacity {p.Capacity} → {capacity}; queues {Describe(p.Queues)} → {Describe(list)}";
            p.Capacity = capacity;
            p.Queues = list;
            return detail;
        }, actor, AuditActions.AgentWorkChanged, ct);
        signal.Wake();
        return await GetAsync(profile.UserName, ct);
    }

    private static string Describe(string queues) => queues.Length == 0 ? "all" : queues;

    /// <summary>Applies a change to the agent's profile (made when they have none), with its audit entry; nothing when the change says there is none.</summary>
    private async Task<AgentProfile> ChangeAsync(string userName, Func<AgentProfile, string?> change, string actor, string action, CancellationToken ct)
    {
        using var _ = await gate.EnterAsync(ct, intake: true);
        for (var attempt = 1; ; attempt++)
        {
            var profile = await db.AgentProfiles.SingleOrDefaultAsync(p => p.UserName == userName, ct);
            var isNew = profile is null;
            profile ??= new AgentProfile { UserName = userName, AvailabilityChangedAt = clock.GetUtcNow().UtcDateTime };
            var detail = change(profile);
            if (detail is null) return profile;
            if (isNew) db.AgentProfiles.Add(profile);
            audit.Add(actor, action, userName, detail);
            try
            {
                await db.SaveChangesAsync(ct);
                return profile;
            }
            catch (DbUpdateException) when (isNew && attempt < 3)
            {
                // Made by another request at the same moment: change that one.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static AgentView View(AgentProfile p, int open) =>
        new(p.UserName, p.Availability, p.AvailabilityChangedAt == default ? null : p.AvailabilityChangedAt, p.Capacity, p.QueueList, open);

    /// <summary>Why a capacity and queue list cannot be taken, in words; null when they can.</summary>
    public static string? Refusal(int capacity, IReadOnlyList<string> queues)
    {
        if (capacity is < 0 or > AgentProfiles.MaxCapacity) return $"capacity must be from 0 to {AgentProfiles.MaxCapacity} open cases, not {capacity}";
        if (queues.Any(q => q is null)) return "a queue name is missing (null) in the list";
        var bad = queues.Where(q => !QueueNames.IsValid(q.Trim())).ToList();
        return bad.Count > 0 ? $"{string.Join(", ", bad.Select(q => $"'{q}'"))} is not a queue name (1 to 64 lower-case letters, digits or dashes)" : null;
    }
}
