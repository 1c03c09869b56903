using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Act.Inbox;

public static class SlaStates
{
    public const string Ok = "ok", Soon = "soon", Late = "late";
    /// <summary>How close to its due time a case turns amber.</summary>
    public static readonly TimeSpan SoonWindow = TimeSpan.FromMinutes(15);

    public static string Of(DateTime dueUtc, DateTime nowUtc) => dueUtc < nowUtc ? Late : dueUtc - nowUtc < SoonWindow ? Soon : Ok;
}

/// <summary>The inbox's filters; Holder is "mine" (with Me), "unassigned", or null for everyone's. Settable, as the inbox screen binds to it.</summary>
public sealed record InboxFilter
{
    public string Status { get; set; } = CaseStatus.AwaitingAgent;
    public string? Queue { get; set; }
    public int? Priority { get; set; }
    public string? Platform { get; set; }
    public string? Language { get; set; }
    public string? Sla { get; set; }
    public string? Holder { get; set; }
    public string? Me { get; set; }
    public int Take { get; set; } = 200;
}

public sealed record InboxRow(Guid CaseId, string Status, string Decision, string Queue, int Priority, DateTime CreatedAt, DateTime SlaDueAt, string? Holder,
    string Platform, string? Language, string Text, string Customer, string Handle, string? Intent, string? Sentiment, double? Value, string? RecommendedReplyKind, double? ReplyGain);

public sealed record FailedSend(Guid CaseId, string Platform, string Recipient, string Customer, string Error, DateTime At);

public sealed record InboxFacets(string[] Queues, int[] Priorities, string[] Platforms, string[] Languages);

/// <summary>The agents' inbox, most urgent (earliest SLA due) first: the console and GET /api/cases read it alike.</summary>
public sealed class InboxQuery(CrmDbContext db, TimeProvider clock)
{
    public async Task<List<InboxRow>> ListAsync(InboxFilter filter, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cases = db.Cases.AsNoTracking().Where(c => c.Status == filter.Status);
        if (!string.IsNullOrEmpty(filter.Queue)) cases = cases.Where(c => c.Queue == filter.Queue);
        if (filter.Priority is { } p) cases = cases.Where(c => c.Priority == p);
        if (filter.Holder == "mine") cases = cases.Where(c => c.AssignedAgent == filter.Me);
        else if (filter.Holder == "unassigned") cases = cases.Where(c => c.AssignedAgent == null);
        var soon = now + SlaStates.SoonWindow;
        cases = filter.Sla switch
        {
            SlaStates.Late => cases.Where(c => c.SlaDueAt < now),
            SlaStates.Soon => cases.Where(c => c.SlaDueAt >= now && c.SlaDueAt < soon),
            SlaStates.Ok => cases.Where(c => c.SlaDueAt >= soon),
            _ => cases,
        };
        var rows = cases.Join(db.Signals, c => c.SignalId, s => s.Id, (c, s) => new { c, s });
        if (!string.IsNullOrEmpty(filter.Platform)) rows = rows.Where(x => x.s.Platform == filter.Platform);
        if (!string.IsNullOrEmpty(filter.Language)) rows = rows.Where(x => x.s.Language == filter.Language);
        var query =
            from x in rows
            join cu in db.Customers on x.c.CustomerId equals cu.Id
            join b in db.CaseBriefs on x.c.Id equals b.CaseId into briefs
            from b in briefs.DefaultIfEmpty()
            orderby x.c.SlaDueAt, x.c.Priority
            select new InboxRow(x.c.Id, x.c.Status, x.c.Decision, x.c.Queue, x.c.Priority, x.c.CreatedAt, x.c.SlaDueAt, x.c.AssignedAgent,
                x.s.Platform, x.s.Language, x.s.Text, cu.DisplayName, x.s.AuthorHandle, x.s.Intent, x.s.Sentiment,
                b == null ? null : b.ValueScore, b == null ? null : b.RecommendedReplyKind, b == null ? null : b.ReplyGain);
        return await query.Take(Math.Clamp(filter.Take, 1, 1000)).ToListAsync(ct);
    }

    /// <summary>The agent's messages that a platform refused in the last week: the case is closed, so the inbox says so.</summary>
    public Task<List<FailedSend>> FailedSendsAsync(string agent, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-7);
        return db.OutgoingMessages.AsNoTracking()
            .Where(m => m.Status == SendStatus.Failed && m.SentAt >= since)
            .Join(db.AgentActions, m => m.CaseId, a => a.CaseId, (m, a) => new { m, a.Agent })
            .Where(x => x.Agent == agent)
            .Join(db.Customers, x => x.m.CustomerId, c => c.Id, (x, c) => new { x.m, c.DisplayName })
            .OrderByDescending(x => x.m.SentAt)
            .Select(x => new FailedSend(x.m.CaseId, x.m.Platform, x.m.Recipient, x.DisplayName, x.m.Error ?? "", x.m.SentAt))
            .Take(20).ToListAsync(ct);
    }

    /// <summary>The values the filters can take, from the cases waiting now.</summary>
    public async Task<InboxFacets> FacetsAsync(CancellationToken ct)
    {
        var waiting = db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.AwaitingAgent);
        var queues = await waiting.Select(c => c.Queue).Distinct().OrderBy(q => q).ToArrayAsync(ct);
        var priorities = await waiting.Select(c => c.Priority).Distinct().OrderBy(p => p).ToArrayAsync(ct);
        var platforms = await waiting.Join(db.Signals, c => c.SignalId, s => s.Id, (c, s) => s.Platform).Distinct().OrderBy(p => p).ToArrayAsync(ct);
        var languages = await waiting.Join(db.Signals, c => c.SignalId, s => s.Id, (c, s) => s.Language).Where(l => l != null).Distinct().ToArrayAsync(ct);
        return new(queues, priorities, platforms, [.. languages.Select(l => l!).Order()]);
    }
}
