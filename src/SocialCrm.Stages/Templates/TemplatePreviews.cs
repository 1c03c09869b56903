using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Templates;
using SocialCrm.Persistence;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Stages.Act.Drafting;

namespace SocialCrm.Stages.Templates;

/// <summary>A case a template can be previewed against.</summary>
public sealed record PreviewCase(Guid CaseId, DateTime CreatedAt, string Customer, string Language, string? Intent, string Text);

/// <summary>A template's text as one real case's customer would read it, and what an admin should know before saving.</summary>
public sealed record TemplatePreview(Guid? CaseId, string? Customer, string Text, IReadOnlyList<string> Errors, IReadOnlyList<string> Notes,
    IReadOnlyDictionary<string, string> Placeholders);

/// <summary>Fills a template (saved or still being written) in for a real case, as the analyse stage and the console would.</summary>
public sealed class TemplatePreviews(CrmDbContext db, ReplyDrafter drafter)
{
    /// <summary>The latest cases, those in the language asked for first.</summary>
    public async Task<List<PreviewCase>> CasesAsync(string? language, int take, CancellationToken ct)
    {
        var rows = await (from c in db.Cases.AsNoTracking()
                          join s in db.Signals.AsNoTracking() on c.SignalId equals s.Id
                          join cu in db.Customers.AsNoTracking() on c.CustomerId equals cu.Id
                          where language == null || s.Language == language
                          orderby c.CreatedAt descending
                          select new PreviewCase(c.Id, c.CreatedAt, cu.DisplayName, s.Language ?? "en", s.Intent, s.Text))
            .Take(Math.Clamp(take, 1, 100)).ToListAsync(ct);
        return [.. rows.Select(r => r with { Text = r.Text.Length > 120 ? r.Text[..117] + "…" : r.Text })];
    }

    /// <summary>The text filled in for the case (the latest case in the template's language when none is named).</summary>
    public async Task<TemplatePreview> PreviewAsync(string text, string language, string kind, Guid? caseId, CancellationToken ct)
    {
        var errors = TemplatePlaceholders.Check(text);
        caseId ??= (await CasesAsync(language, 1, ct)).FirstOrDefault()?.CaseId;
        var context = caseId is { } id ? await drafter.ContextAsync(id, ct) ?? throw new KeyNotFoundException($"there is no case {id}") : null;
        if (context is null)
            return new TemplatePreview(null, null, text, errors, ["There are no cases yet to preview against: the placeholders stay as written."], new Dictionary<string, string>());

        var template = new ReplyTemplate { Text = text, Language = language, Kind = kind };
        var rendered = errors.Count > 0 ? text : ReplyDrafts.Compose(template, language, context.Facts, kind == TemplateKinds.Personalised ? ReplyKindResult.Personalised : ReplyKindResult.Standard, context.EarlierCases);
        var notes = new List<string>();
        var used = TemplatePlaceholders.Used(text);
        if (used.Contains(TemplatePlaceholders.LastCase) && context.Facts.LastCaseAt is null)
            notes.Add("This customer has no earlier case, so {lastCase} is empty here; the analyse stage does not pick a template using {lastCase} for such customers.");
        if (used.Contains(TemplatePlaceholders.Name) && string.IsNullOrWhiteSpace(context.Facts.Name))
            notes.Add("This customer has no name on record, so the greeting goes without one.");
        if (context.Language != language)
            notes.Add($"This case is in {(context.Language == "fi" ? "Finnish" : "English")}; the template is {(language == "fi" ? "Finnish" : "English")}.");
        if (rendered.Length > 280)
            notes.Add($"Filled in it is {rendered.Length} characters: longer than the 280 an X post can hold.");
        var finnish = language == "fi";
        var values = new Dictionary<string, string>
        {
            [TemplatePlaceholders.Name] = context.Facts.Name,
            [TemplatePlaceholders.Status] = TemplatePlaceholders.StatusInWords(context.Facts.Status, finnish),
            [TemplatePlaceholders.Tenure] = TemplatePlaceholders.TenureInWords(context.Facts.TenureDays, finnish),
            [TemplatePlaceholders.LastCase] = TemplatePlaceholders.Render("{lastCase}", language, context.Facts),
        };
        return new TemplatePreview(context.CaseId, context.Facts.Name, rendered, errors, notes, values);
    }
}
