using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Templates;
using SocialCrm.Persistence;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Templates;

/// <summary>
/// The admins' reply templates: create, edit, retire and restore, each a new version kept for good and audited with
/// who, when and why, in the same transaction as the change.
/// </summary>
public sealed class ReplyTemplateStore(CrmDbContext db, AuditLog audit, TimeProvider clock, IValidator<ReplyTemplateInput> validator)
{
    public Task<List<ReplyTemplate>> ListAsync(CancellationToken ct) =>
        db.ReplyTemplates.AsNoTracking().OrderBy(t => t.RetiredAt != null).ThenBy(t => t.Language).ThenBy(t => t.Intent).ThenByDescending(t => t.Kind).ThenBy(t => t.Key).ToListAsync(ct);

    public async Task<ReplyTemplate> GetAsync(string key, CancellationToken ct) =>
        await db.ReplyTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == key, ct) ?? throw NotFound(key);

    /// <summary>Newest first.</summary>
    public async Task<List<ReplyTemplateVersion>> VersionsAsync(string key, CancellationToken ct)
    {
        var versions = await db.ReplyTemplateVersions.AsNoTracking().Where(v => v.Key == key).OrderByDescending(v => v.Version).ToListAsync(ct);
        return versions.Count > 0 || await db.ReplyTemplates.AnyAsync(t => t.Key == key, ct) ? versions : throw NotFound(key);
    }

    public async Task<ReplyTemplate> CreateAsync(ReplyTemplateInput input, string by, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(input, ct);
        await RefuseSecondInUseAsync(null, input.Intent!, input.Language!, input.Kind!, ct);
        for (var attempt = 1; ; attempt++)
        {
            var key = input.Key ?? await FreeKeyAsync($"{input.Intent}-{input.Language}{(input.Kind == TemplateKinds.Personalised ? "-personalised" : "")}", ct);
            if (input.Key is not null && await db.ReplyTemplates.AnyAsync(t => t.Key == key, ct))
                throw new ValidationException([new ValidationFailure("key", $"a template '{key}' exists already; edit it, or choose another key")]);
            var template = new ReplyTemplate { Key = key, Intent = input.Intent!, Language = input.Language!, Kind = input.Kind!, Text = input.Text!.Trim(), Version = 1 };
            Stamp(template, by);
            db.ReplyTemplates.Add(template);
            AddVersion(template, by, input.Comment);
            audit.Add(by, AuditActions.TemplateCreated, $"template {key} v1", Describe(template, input.Comment));
            try
            {
                await db.SaveChangesAsync(ct);
                return template;
            }
            catch (DbUpdateException)
            {
                // Another admin made one for the same intent, language and kind at the same moment (409), or took
                // the same key: take the next free one, or say so.
                db.ChangeTracker.Clear();
                if (await InUseAsync(null, input.Intent!, input.Language!, input.Kind!, ct) is { } other)
                    throw new DbUpdateConcurrencyException($"'{other}' was made by someone else at the same moment for {input.Intent} posts in {input.Language} with a {input.Kind} reply; edit it instead");
                if (input.Key is not null || attempt >= 5)
                    throw new ValidationException([new ValidationFailure("key", $"a template '{key}' was made by someone else at the same moment; choose another key")]);
            }
        }
    }

    /// <summary>
    /// Saves an edit as the next version. When the input names the version it was edited from and another admin has
    /// saved since, it is refused (409) rather than overwriting their change unseen.
    /// </summary>
    public async Task<ReplyTemplate> UpdateAsync(string key, ReplyTemplateInput input, string by, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(input, ct);
        var template = await db.ReplyTemplates.SingleOrDefaultAsync(t => t.Key == key, ct) ?? throw NotFound(key);
        if (input.Version is { } edited && edited != template.Version)
            throw new DbUpdateConcurrencyException($"template '{key}' is at version {template.Version}, not {edited}");
        var text = input.Text!.Trim();
        if (template.Intent == input.Intent && template.Language == input.Language && template.Kind == input.Kind && template.Text == text) return template;
        if (!template.Retired) await RefuseSecondInUseAsync(key, input.Intent!, input.Language!, input.Kind!, ct);
        (template.Intent, template.Language, template.Kind, template.Text) = (input.Intent!, input.Language!, input.Kind!, text);
        return await NextVersionAsync(template, by, input.Comment, AuditActions.TemplateChanged, ct);
    }

    /// <summary>Stops the analyse stage picking it; cases that used it keep their drafts.</summary>
    public async Task<ReplyTemplate> RetireAsync(string key, string by, string? comment, CancellationToken ct)
    {
        var template = await db.ReplyTemplates.SingleOrDefaultAsync(t => t.Key == key, ct) ?? throw NotFound(key);
        if (template.Retired) return template;
        template.RetiredAt = clock.GetUtcNow().UtcDateTime;
        return await NextVersionAsync(template, by, comment, AuditActions.TemplateRetired, ct);
    }

    public async Task<ReplyTemplate> RestoreAsync(string key, string by, string? comment, CancellationToken ct)
    {
        var template = await db.ReplyTemplates.SingleOrDefaultAsync(t => t.Key == key, ct) ?? throw NotFound(key);
        if (!template.Retired) return template;
        var errors = TemplatePlaceholders.Check(template.Text);
        if (errors.Count > 0) throw new ValidationException(errors.Select(e => new ValidationFailure("text", e)));
        await RefuseSecondInUseAsync(key, template.Intent, template.Language, template.Kind, ct);
        template.RetiredAt = null;
        return await NextVersionAsync(template, by, comment, AuditActions.TemplateRestored, ct);
    }

    /// <summary>The templates a new store starts with, each as version 1; and version 1 of templates kept from before versions were.</summary>
    public async Task SeedAsync(IReadOnlyList<ReplyTemplate> defaults, CancellationToken ct)
    {
        if (!await db.ReplyTemplates.AnyAsync(ct))
            foreach (var template in defaults)
            {
                Stamp(template, "system");
                db.ReplyTemplates.Add(template);
                AddVersion(template, "system", "installed with SocialCrm");
            }
        else
        {
            var versioned = await db.ReplyTemplateVersions.Select(v => v.Key).Distinct().ToListAsync(ct);
            foreach (var template in await db.ReplyTemplates.Where(t => !versioned.Contains(t.Key)).ToListAsync(ct))
            {
                Stamp(template, "system");
                AddVersion(template, "system", "as it was before template versions were kept");
            }
        }
        if (!db.ChangeTracker.HasChanges()) return;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another process starting at the same moment seeded them first.
            db.ChangeTracker.Clear();
            if (!await db.ReplyTemplateVersions.AnyAsync(ct)) throw;
        }
    }

    private async Task<ReplyTemplate> NextVersionAsync(ReplyTemplate template, string by, string? comment, string action, CancellationToken ct)
    {
        template.Version++;
        Stamp(template, by);
        AddVersion(template, by, comment);
        audit.Add(by, action, $"template {template.Key} v{template.Version}", Describe(template, comment));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            // Two saves of one template at once can collide on the new version's number before the version check does.
            throw new DbUpdateConcurrencyException($"template '{template.Key}' was saved by someone else at the same moment", e);
        }
        return template;
    }

    /// <summary>The analyse stage drafts from one template per intent, language and kind: a second one in use would never be picked.</summary>
    private async Task RefuseSecondInUseAsync(string? key, string intent, string language, string kind, CancellationToken ct)
    {
        if (await InUseAsync(key, intent, language, kind, ct) is { } other)
            throw new ValidationException([new ValidationFailure("template",
                $"'{other}' already answers {intent} posts in {(language == "fi" ? "Finnish" : "English")} with a {kind} reply, and one template per intent, language and kind is used: edit '{other}', or retire it first")]);
    }

    private Task<string?> InUseAsync(string? key, string intent, string language, string kind, CancellationToken ct) =>
        db.ReplyTemplates.AsNoTracking()
            .Where(t => t.Key != key && t.RetiredAt == null && t.Intent == intent && t.Language == language && t.Kind == kind).Select(t => t.Key).FirstOrDefaultAsync(ct);

    private void Stamp(ReplyTemplate template, string by) => (template.UpdatedAt, template.UpdatedBy) = (clock.GetUtcNow().UtcDateTime, by);

    private void AddVersion(ReplyTemplate t, string by, string? comment) => db.ReplyTemplateVersions.Add(new ReplyTemplateVersion
    {
        Key = t.Key, Version = t.Version, Intent = t.Intent, Language = t.Language, Kind = t.Kind, Text = t.Text, Retired = t.Retired,
        CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = by, Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
    });

    private async Task<string> FreeKeyAsync(string stem, CancellationToken ct)
    {
        var taken = await db.ReplyTemplates.Where(t => t.Key == stem || t.Key.StartsWith(stem + "-")).Select(t => t.Key).ToListAsync(ct);
        if (!taken.Contains(stem)) return stem;
        for (var n = 2; ; n++)
            if (!taken.Contains($"{stem}-{n}")) return $"{stem}-{n}";
    }

    private static string Describe(ReplyTemplate t, string? comment) =>
        $"{t.Intent}, {t.Language}, {t.Kind}{(t.Retired ? ", retired" : "")}: {t.Text}" + (string.IsNullOrWhiteSpace(comment) ? "" : $" ({comment.Trim()})");

    private static KeyNotFoundException NotFound(string key) => new($"there is no reply template '{key}'");
}
