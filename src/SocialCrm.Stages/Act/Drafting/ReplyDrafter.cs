using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Templates;
using SocialCrm.Persistence;
using SocialCrm.Scoring.ReplyKind;

namespace SocialCrm.Stages.Act.Drafting;

public sealed record TemplateDraft(string Key, string Intent, string Language, string Standard, string Personalised);

/// <summary>Drafts a case's reply of either kind, and every template filled in with the case's customer.</summary>
public sealed class ReplyDrafter(CrmDbContext db)
{
    public async Task<string?> DraftAsync(Guid caseId, string kind, CancellationToken ct)
    {
        if (await ContextAsync(caseId, ct) is not { } c) return null;
        var template = c.TemplateKey is null ? null : await db.ReplyTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == c.TemplateKey, ct);
        return ReplyDrafts.Compose(template, c.Language, c.Name, kind, c.EarlierCases);
    }

    /// <summary>Every template, the case's language first, each filled in with the customer's name in both kinds.</summary>
    public async Task<List<TemplateDraft>> TemplatesAsync(Guid caseId, CancellationToken ct)
    {
        if (await ContextAsync(caseId, ct) is not { } c) return [];
        var templates = await db.ReplyTemplates.AsNoTracking().ToListAsync(ct);
        return templates.OrderBy(t => t.Language != c.Language).ThenBy(t => t.Intent != c.Intent).ThenBy(t => t.Key)
            .Select(t => new TemplateDraft(t.Key, t.Intent, t.Language,
                ReplyDrafts.Compose(t, t.Language, c.Name, ReplyKindResult.Standard, c.EarlierCases),
                ReplyDrafts.Compose(t, t.Language, c.Name, ReplyKindResult.Personalised, c.EarlierCases)))
            .ToList();
    }

    private sealed record DraftContext(string? TemplateKey, string Language, string Intent, string Name, int EarlierCases);

    private async Task<DraftContext?> ContextAsync(Guid caseId, CancellationToken ct)
    {
        var row = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Join(db.Signals, c => c.SignalId, s => s.Id, (c, s) => new { Case = c, s.Language, s.Intent })
            .Join(db.Customers, x => x.Case.CustomerId, cu => cu.Id, (x, cu) => new { x.Case, x.Language, x.Intent, cu.DisplayName })
            .SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var templateKey = await db.CaseBriefs.AsNoTracking().Where(b => b.CaseId == caseId).Select(b => b.TemplateKey).SingleOrDefaultAsync(ct);
        var earlier = await db.Cases.CountAsync(c => c.CustomerId == row.Case.CustomerId && c.CreatedAt < row.Case.CreatedAt, ct);
        return new(templateKey, row.Language is "fi" ? "fi" : "en", row.Intent ?? "other", row.DisplayName, earlier);
    }
}
