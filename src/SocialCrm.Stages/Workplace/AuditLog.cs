using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Workplace;

/// <summary>
/// Appends to the audit trail. <see cref="Add"/> joins the caller's unit of work (the entry commits with the change it
/// records, or not at all); <see cref="WriteAsync"/> commits on its own, for events with nothing else to save.
/// </summary>
public sealed class AuditLog(CrmDbContext db, TimeProvider clock)
{
    public void Add(string actor, string action, string target, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, Actor = Clip(actor, 256), Action = action, Target = Clip(target, 256), Detail = detail is null ? null : Clip(detail, 2000),
        });

    public async Task WriteAsync(string actor, string action, string target, string? detail, CancellationToken ct)
    {
        Add(actor, action, target, detail);
        await db.SaveChangesAsync(ct);
    }

    public sealed record Query(DateTime? From = null, DateTime? To = null, string? Actor = null, string? Action = null, int Take = 200);

    /// <summary>Newest first.</summary>
    public async Task<List<AuditEntry>> ListAsync(Query query, CancellationToken ct)
    {
        var rows = db.AuditEntries.AsNoTracking();
        if (query.From is { } from) rows = rows.Where(e => e.At >= from);
        if (query.To is { } to) rows = rows.Where(e => e.At < to);
        if (!string.IsNullOrWhiteSpace(query.Actor)) rows = rows.Where(e => e.Actor == query.Actor);
        if (!string.IsNullOrWhiteSpace(query.Action)) rows = rows.Where(e => e.Action.StartsWith(query.Action));
        return await rows.OrderByDescending(e => e.Id).Take(Math.Clamp(query.Take, 1, 1000)).ToListAsync(ct);
    }

    private static string Clip(string value, int length) => Domain.Text.TextRules.Cut(value, length);
}
