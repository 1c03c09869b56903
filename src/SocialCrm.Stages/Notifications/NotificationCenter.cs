using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Workplace;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Notifications;

public sealed record NotificationView(Guid Id, string Kind, Guid? CaseId, string Text, DateTime CreatedAt, DateTime? ReadAt);

public sealed record NotificationList(int Unread, IReadOnlyList<NotificationView> Items);

/// <summary>
/// A user's notifications: <see cref="Add"/> joins the caller's unit of work, so a notification commits with what it
/// tells of (the assignment, the note) or not at all. The bell in the console and GET /api/notifications read it.
/// </summary>
public sealed class NotificationCenter(CrmDbContext db, TimeProvider clock)
{
    public const int MaxText = 1000;

    public void Add(string userName, string kind, Guid? caseId, string text) => db.Notifications.Add(new Notification
    {
        UserName = userName, Kind = kind, CaseId = caseId, Text = Domain.Text.TextRules.Cut(text, MaxText), CreatedAt = clock.GetUtcNow().UtcDateTime,
    });

    /// <summary>Newest first; unread only when asked.</summary>
    public async Task<NotificationList> ListAsync(string userName, bool unreadOnly, int take, CancellationToken ct)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserName == userName);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        if (unreadOnly) mine = mine.Where(n => n.ReadAt == null);
        var items = await mine.OrderByDescending(n => n.CreatedAt).Take(Math.Clamp(take, 1, 200))
            .Select(n => new NotificationView(n.Id, n.Kind, n.CaseId, n.Text, n.CreatedAt, n.ReadAt)).ToListAsync(ct);
        return new(unread, items);
    }

    public Task<int> UnreadCountAsync(string userName, CancellationToken ct) => db.Notifications.CountAsync(n => n.UserName == userName && n.ReadAt == null, ct);

    /// <summary>False when the user has no such notification (another's is not theirs to read).</summary>
    public async Task<bool> MarkReadAsync(string userName, Guid id, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Notifications.Where(n => n.Id == id && n.UserName == userName && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return changed == 1 || await db.Notifications.AnyAsync(n => n.Id == id && n.UserName == userName, ct);
    }

    public async Task<int> MarkAllReadAsync(string userName, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Notifications.Where(n => n.UserName == userName && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    /// <summary>Marks read what the user has about a case once they open it: the bell should not keep pointing at work done.</summary>
    public async Task MarkCaseReadAsync(string userName, Guid caseId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserName == userName && n.CaseId == caseId && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
