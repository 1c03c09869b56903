using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Workplace;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Act.Inbox;

namespace SocialCrm.Stages.Notifications;

/// <summary>Tells an agent once when a case they hold comes within 15 minutes of its SLA (the inbox's amber).</summary>
public sealed class SlaWarnings(CrmDbContext db, StoreWriteGate gate, TimeProvider clock)
{
    public async Task<int> NotifyDueSoonAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var soon = now + SlaStates.SoonWindow;
        var due = await db.Cases.AsNoTracking()
            .Where(c => c.Status == CaseStatus.AwaitingAgent && c.AssignedAgent != null && c.SlaDueAt >= now && c.SlaDueAt < soon
                && !db.AgentActions.Any(a => a.CaseId == c.Id)
                && !db.Notifications.Any(n => n.CaseId == c.Id && n.Kind == NotificationKinds.SlaSoon && n.UserName == c.AssignedAgent))
            .Select(c => new { c.Id, c.AssignedAgent, c.SlaDueAt }).Take(500).ToListAsync(ct);
        if (due.Count == 0) return 0;
        foreach (var c in due)
            db.Notifications.Add(new Notification
            {
                UserName = c.AssignedAgent!, Kind = NotificationKinds.SlaSoon, CaseId = c.Id, CreatedAt = now,
                Text = $"A case you hold is due in {Math.Max(1, (int)Math.Ceiling((c.SlaDueAt - now).TotalMinutes))} minutes",
            });
        using var _ = await gate.EnterAsync(ct);
        await db.SaveChangesAsync(ct);
        return due.Count;
    }
}
