using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Domain.Audit;
using SocialCrm.Persistence.Workflows;
using SocialCrm.Stages.Workplace;
using SocialCrm.Workflows.Definitions;
using SocialCrm.Workflows.Validation;

namespace SocialCrm.Stages.Workflows;

/// <summary>
/// Versions of workflow definitions, Elsa-style. A version once published never changes (the context refuses it
/// too); each definition has at most one draft, the only editable version. Publishing validates first and makes that
/// version the one the stage runs; running instances stay on the version they started with. Every change is audited
/// in the same transaction, with who made it.
/// </summary>
public sealed class WorkflowDefinitionStore(CrmDbContext db, WorkflowCompiler compiler, PublishedVersions published, AuditLog audit, TimeProvider clock)
{
    /// <summary>Imports workflows/*.json as published version 1 where the definition is absent; never overwrites what admins published.</summary>
    public async Task<IReadOnlyList<string>> ImportFolderAsync(string folder, CancellationToken ct)
    {
        var imported = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order())
        {
            var definition = WorkflowJson.Parse(await File.ReadAllTextAsync(file, ct));
            if (await db.WorkflowDefinitions.AnyAsync(d => d.DefinitionId == definition.DefinitionId, ct)) continue;
            var errors = compiler.Validate(definition);
            if (errors.Count > 0)
                throw new WorkflowValidationException([.. errors.Select(e => e with { Path = $"{Path.GetFileName(file)} {e.Path}" })]);
            var now = clock.GetUtcNow().UtcDateTime;
            db.WorkflowDefinitions.Add(new WorkflowDefinitionRecord
            {
                DefinitionId = definition.DefinitionId, Version = 1, Name = definition.Name, IsLatest = true, IsPublished = true,
                Json = WorkflowJson.Write(definition), Source = Path.GetFileName(file), CreatedAt = now, CreatedBy = "import",
                PublishedAt = now, PublishedBy = "import", Comment = $"imported from workflows/{Path.GetFileName(file)}",
            });
            imported.Add(definition.DefinitionId);
        }
        await db.SaveChangesAsync(ct);
        published.Forget();
        return imported;
    }

    public async Task<List<WorkflowDefinitionRecord>> VersionsAsync(string definitionId, CancellationToken ct)
    {
        RequireKnown(definitionId);
        return await db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId).OrderBy(d => d.Version).ToListAsync(ct);
    }

    public async Task<WorkflowDefinitionRecord> VersionAsync(string definitionId, int version, CancellationToken ct) =>
        await db.WorkflowDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, ct)
        ?? throw new KeyNotFoundException($"workflow '{definitionId}' has no version {version}");

    public Task<List<WorkflowDefinitionRecord>> PublishedAsync(CancellationToken ct) =>
        db.WorkflowDefinitions.AsNoTracking().Where(d => d.IsPublished).OrderBy(d => d.DefinitionId).ToListAsync(ct);

    /// <summary>
    /// Saves an edit into the definition's draft (made when there is none). A draft with errors is kept as work in
    /// progress, marked invalid with its errors; it cannot be published until they are fixed.
    /// </summary>
    public async Task<(WorkflowDefinitionRecord Draft, IReadOnlyList<ValidationError> Errors)> SaveDraftAsync(WorkflowDefinition definition, string by, CancellationToken ct) =>
        await SaveDraftAsync(definition, by, null, ct);

    private async Task<(WorkflowDefinitionRecord Draft, IReadOnlyList<ValidationError> Errors)> SaveDraftAsync(WorkflowDefinition definition, string by,
        (string Action, string Target, string? Detail)? alsoAudit, CancellationToken ct)
    {
        RequireKnown(definition.DefinitionId);
        var errors = compiler.Validate(definition);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var draft = await DraftForEditAsync(definition.DefinitionId, by, ct);
                draft.Name = definition.Name;
                draft.Json = WorkflowJson.Write(definition);
                draft.Source = by;
                draft.ErrorsJson = errors.Count == 0 ? null : JsonSerializer.Serialize(errors, JsonSerializerOptions.Web);
                audit.Add(by, AuditActions.WorkflowDraftSaved, $"{draft.DefinitionId} v{draft.Version}", errors.Count == 0 ? "valid" : $"{errors.Count} errors");
                if (alsoAudit is { } also) audit.Add(by, also.Action, also.Target, also.Detail);
                await db.SaveChangesAsync(ct);
                return (draft, errors);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another save made the draft at the same moment (the store's unique key) or held the file (SQLite):
                // read again and edit that draft.
                db.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), ct);
            }
        }
    }

    /// <summary>Validates a version and makes it the one the stage runs. Publishing the draft freezes it for good.</summary>
    public async Task<WorkflowDefinitionRecord> PublishAsync(string definitionId, int version, string by, string? comment, CancellationToken ct)
    {
        // The target and the live version in one read, so both are seen as of the same moment (the concurrency
        // tokens then refuse the save if either changed since).
        var rows = await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId && (d.Version == version || d.IsPublished)).ToListAsync(ct);
        var target = rows.SingleOrDefault(d => d.Version == version)
            ?? throw new KeyNotFoundException($"workflow '{definitionId}' has no version {version}");
        if (target.IsPublished)
            throw new DbUpdateConcurrencyException($"v{version} of '{definitionId}' is the live version already{(target.PublishedBy is null ? "" : $" (published by {target.PublishedBy})")}; nothing to publish");
        if (target.IsDiscarded)
            throw new ArgumentException($"v{version} was discarded by {target.DiscardedBy}; put it into the draft (revert) to publish its content");
        var errors = compiler.Validate(WorkflowJson.Parse(target.Json));
        if (errors.Count > 0) throw new WorkflowValidationException(errors);
        foreach (var live in rows.Where(d => d.IsPublished && d != target))
            live.IsPublished = false;
        target.IsPublished = true;
        if (target.IsDraft)
        {
            target.PublishedAt = clock.GetUtcNow().UtcDateTime;
            target.PublishedBy = by;
            target.Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
            target.ErrorsJson = null;
            target.DraftOf = null;
        }
        audit.Add(by, AuditActions.WorkflowPublished, $"{definitionId} v{version}", string.IsNullOrWhiteSpace(comment) ? null : comment.Trim());
        await db.SaveChangesAsync(ct);
        published.Forget();
        return target;
    }

    /// <summary>Puts an old version's content into the draft (publish it to make the revert live).</summary>
    public async Task<WorkflowDefinitionRecord> RevertAsync(string definitionId, int toVersion, string by, string? comment, CancellationToken ct)
    {
        var old = await VersionAsync(definitionId, toVersion, ct);
        var (draft, _) = await SaveDraftAsync(WorkflowJson.Parse(old.Json), by,
            (AuditActions.WorkflowReverted, $"{definitionId} v{toVersion} into the draft", string.IsNullOrWhiteSpace(comment) ? null : comment.Trim()), ct);
        return draft;
    }

    /// <summary>
    /// Throws the draft away: it stops being the draft but is kept under its number, so the audit trail's "v3
    /// discarded" never names another draft later. The published versions are untouched.
    /// </summary>
    public async Task<WorkflowDefinitionRecord> DiscardDraftAsync(string definitionId, string by, CancellationToken ct)
    {
        RequireKnown(definitionId);
        var draft = await db.WorkflowDefinitions.SingleOrDefaultAsync(d => d.DraftOf == definitionId, ct)
            ?? throw new KeyNotFoundException($"workflow '{definitionId}' has no draft to discard");
        var wasLatest = draft.IsLatest;
        (draft.DiscardedAt, draft.DiscardedBy, draft.DraftOf, draft.IsLatest) = (clock.GetUtcNow().UtcDateTime, by, null, false);
        if (wasLatest)
        {
            var previous = await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId && d.Version < draft.Version && d.DiscardedAt == null)
                .OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
            if (previous is not null) previous.IsLatest = true;
        }
        audit.Add(by, AuditActions.WorkflowDraftDiscarded, $"{definitionId} v{draft.Version}");
        await db.SaveChangesAsync(ct);
        return draft;
    }

    private async Task<WorkflowDefinitionRecord> DraftForEditAsync(string definitionId, string by, CancellationToken ct)
    {
        var draft = await db.WorkflowDefinitions.SingleOrDefaultAsync(d => d.DraftOf == definitionId, ct);
        if (draft is not null) return draft;
        // Numbers count discarded drafts too, so none is given twice; only a kept version carries the latest flag.
        var highest = await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId).MaxAsync(d => (int?)d.Version, ct) ?? 0;
        foreach (var latest in await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId && d.IsLatest && d.DiscardedAt == null).ToListAsync(ct))
            latest.IsLatest = false;
        draft = new WorkflowDefinitionRecord
        {
            DefinitionId = definitionId, DraftOf = definitionId, Version = highest + 1, IsLatest = true, CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = by,
        };
        db.WorkflowDefinitions.Add(draft);
        return draft;
    }

    /// <summary>Only the workflows a stage runs exist: a typo in a URL must not make a new one.</summary>
    private void RequireKnown(string definitionId)
    {
        if (compiler.Catalog is { } catalog && !catalog.TryGetStartVariables(definitionId, out _))
            throw new KeyNotFoundException($"there is no workflow '{definitionId}'; the workflows are {string.Join(", ", catalog.DefinitionIds)}");
    }
}
