using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Workplace;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Persistence.Workplace;
using SocialCrm.Stages.Notifications;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Act.Notes;

public sealed record CaseNoteInput(string? Text);

public enum NoteStatus { Added, Invalid, CaseNotFound }

/// <summary>The note as saved, with the users it mentions (and names it could not match to a user, so the writer can fix them).</summary>
public sealed record NoteResult(NoteStatus Status, string? Problem, Guid? NoteId = null, IReadOnlyList<string>? Mentioned = null, IReadOnlyList<string>? Unknown = null);

/// <summary>
/// An internal note on a case: for the team only, on the case's timeline, never sent to the customer. Each @name of
/// an active user notifies them; the note, its notifications and the audit entry commit together.
/// </summary>
public sealed class AddCaseNoteHandler(CrmDbContext db, NotificationCenter notifications, AuditLog audit, StoreWriteGate gate, TimeProvider clock)
{
    public const int MaxText = 4000;

    public async Task<NoteResult> AddAsync(Guid caseId, CaseNoteInput input, string author, CancellationToken ct)
    {
        var text = input.Text?.Trim() ?? "";
        if (text.Length == 0) return new(NoteStatus.Invalid, "the note is empty: write what the team should know");
        if (text.Length > MaxText) return new(NoteStatus.Invalid, $"the note is {text.Length:N0} characters long; at most {MaxText:N0} are taken");
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, ct)) return new(NoteStatus.CaseNotFound, $"there is no case {caseId}");

        var named = Mentions.In(text);
        var upper = named.Select(n => n.ToUpperInvariant()).ToList();
        // People who can open the case: not the back office's service account.
        var people = db.Roles.Where(r => Roles.People.Contains(r.Name!)).Select(r => r.Id);
        var users = named.Count == 0 ? [] : await db.Users.AsNoTracking()
            .Where(u => upper.Contains(u.NormalizedUserName!) && u.DisabledAt == null && db.UserRoles.Any(ur => ur.UserId == u.Id && people.Contains(ur.RoleId)))
            .Select(u => u.UserName!).ToListAsync(ct);
        var unknown = named.Where(n => !users.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();

        using var _ = await gate.EnterAsync(ct, intake: true);
        var note = new CaseEvent { CaseId = caseId, Kind = CaseEventKinds.Note, Actor = author, Text = text, Mentions = users.Count == 0 ? null : string.Join(",", users), At = clock.GetUtcNow().UtcDateTime };
        db.CaseEvents.Add(note);
        foreach (var user in users.Where(u => !string.Equals(u, author, StringComparison.OrdinalIgnoreCase)))
            notifications.Add(user, NotificationKinds.Mention, caseId, $"{author} mentioned you: {Domain.Text.TextRules.Cut(text, 200)}");
        audit.Add(author, AuditActions.CaseNoteAdded, caseId.ToString(), users.Count == 0 ? null : $"mentions {string.Join(", ", users)}");
        await db.SaveChangesAsync(ct);
        return new(NoteStatus.Added, null, note.Id, users, unknown);
    }
}
