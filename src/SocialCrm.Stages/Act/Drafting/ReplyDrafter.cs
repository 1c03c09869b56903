using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Customers;
using SocialCrm.Domain.Templates;
using SocialCrm.Persistence;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Stages.Templates;

namespace SocialCrm.Stages.Act.Drafting;

/// <summary>A template filled in for one case: its text as a standard and as a personalised reply (the same for a personalised template).</summary>
public sealed record TemplateDraft(string Key, string Intent, string Language, string Kind, string Standard, string Personalised);

/// <summary>What a case's reply is drafted from: its customer's details and the template the brief picked.</summary>
public sealed record DraftContext(Guid CaseId, string? TemplateKey, string Language, string Intent, int EarlierCases, TemplateFacts Facts, DateTime CaseCreatedAt);

/// <summary>Drafts a case's reply of either kind, and every template filled in with the case's customer.</summary>
public sealed class ReplyDrafter(CrmDbContext db)
{
    /// <summary>
    /// The brief's template when it is still in use and of the kind asked for; otherwise the template the analyse stage
    /// would pick now (an admin may have retired it, or the agent chose the other kind).
    /// </summary>
    public async Task<string?> DraftAsync(Guid caseId, string kind, CancellationToken ct)
    {
        if (await ContextAsync(caseId, ct) is not { } c) return null;
        var templates = await db.ReplyTemplates.AsNoTracking().Where(t => t.Language == c.Language && t.RetiredAt == null).ToListAsync(ct);
        var wanted = kind == ReplyKindResult.Personalised ? TemplateKinds.Personalised : TemplateKinds.Standard;
        var picked = templates.FirstOrDefault(t => t.Key == c.TemplateKey && t.Kind == wanted)
            ?? TemplatePicker.Pick(templates, c.Intent, c.Language, kind, c.Facts.LastCaseAt is not null);
        return ReplyDrafts.Compose(picked, c.Language, c.Facts, kind, c.EarlierCases);
    }

    /// <summary>Every template in use, the case's language and intent first, each filled in with the case's customer.</summary>
    public async Task<List<TemplateDraft>> TemplatesAsync(Guid caseId, CancellationToken ct)
    {
        if (await ContextAsync(caseId, ct) is not { } c) return [];
        var templates = await db.ReplyTemplates.AsNoTracking().Where(t => t.RetiredAt == null).ToListAsync(ct);
        return templates.OrderBy(t => t.Language != c.Language).ThenBy(t => t.Intent != c.Intent).ThenBy(t => t.Key)
            .Select(t => new TemplateDraft(t.Key, t.Intent, t.Language, t.Kind,
                ReplyDrafts.Compose(t, t.Language, c.Facts, ReplyKindResult.Standard, c.EarlierCases),
                ReplyDrafts.Compose(t, t.Language, c.Facts, ReplyKindResult.Personalised, c.EarlierCases)))
            .ToList();
    }

    /// <summary>The customer's details as of the case: status now, tenure and previous case as of when the case was opened.</summary>
    public async Task<DraftContext?> ContextAsync(Guid caseId, CancellationToken ct)
    {
        var row = await db.Cases.AsNoTracking().Where(c => c.Id == caseId)
            .Join(db.Signals, c => c.SignalId, s => s.Id, (c, s) => new { Case = c, s.Language, s.Intent })
            .Join(db.Customers, x => x.Case.CustomerId, cu => cu.Id, (x, cu) => new { x.Case, x.Language, x.Intent, cu.DisplayName, cu.Status, cu.FirstSeenAt })
            .SingleOrDefaultAsync(ct);
        if (row is null) return null;
        var templateKey = await db.CaseBriefs.AsNoTracking().Where(b => b.CaseId == caseId).Select(b => b.TemplateKey).SingleOrDefaultAsync(ct);
        var earlier = await db.Cases.Where(c => c.CustomerId == row.Case.CustomerId && c.CreatedAt < row.Case.CreatedAt).GroupBy(c => c.CustomerId)
            .Select(g => new { Count = g.Count(), Last = (DateTime?)g.Max(c => c.CreatedAt) }).SingleOrDefaultAsync(ct);
        var (count, last) = (earlier?.Count ?? 0, earlier?.Last);
        var facts = new TemplateFacts(row.DisplayName, row.Status, Math.Max(0, (row.Case.CreatedAt - row.FirstSeenAt).TotalDays), last);
        return new(caseId, templateKey, row.Language is "fi" ? "fi" : "en", row.Intent ?? "other", count, facts, row.Case.CreatedAt);
    }
}
