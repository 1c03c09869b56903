using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Workflows;
using SocialCrm.Workflows.Definitions;
using SocialCrm.Workflows.Validation;

namespace SocialCrm.Stages.Workflows;

/// <summary>
/// Versions of workflow definitions, Elsa-style: a published version never changes; editing makes a draft; publishing
/// validates first and replaces the published version; reverting copies an old version into a new draft.
/// </summary>
public sealed class WorkflowDefinitionStore(CrmDbContext db, WorkflowCompiler compiler, TimeProvider clock)
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
                Json = WorkflowJson.Write(definition), Source = Path.GetFileName(file), CreatedAt = now, PublishedAt = now,
            });
            imported.Add(definition.DefinitionId);
        }
        await db.SaveChangesAsync(ct);
        return imported;
    }

    public Task<List<WorkflowDefinitionRecord>> VersionsAsync(string definitionId, CancellationToken ct) =>
        db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId).OrderBy(d => d.Version).ToListAsync(ct);

    public Task<List<WorkflowDefinitionRecord>> PublishedAsync(CancellationToken ct) =>
        db.WorkflowDefinitions.AsNoTracking().Where(d => d.IsPublished).OrderBy(d => d.DefinitionId).ToListAsync(ct);

    /// <summary>Saves an edit: updates the latest draft, or starts a new draft version when the latest is published.</summary>
    public async Task<(WorkflowDefinitionRecord Draft, IReadOnlyList<ValidationError> Errors)> SaveDraftAsync(WorkflowDefinition definition, string source, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SaveDraftOnceAsync(definition, source, ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another save made the same new version at the same moment (the store's unique key): read again and edit that draft.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<(WorkflowDefinitionRecord Draft, IReadOnlyList<ValidationError> Errors)> SaveDraftOnceAsync(WorkflowDefinition definition, string source, CancellationToken ct)
    {
        var latest = await db.WorkflowDefinitions.SingleOrDefaultAsync(d => d.DefinitionId == definition.DefinitionId && d.IsLatest, ct);
        WorkflowDefinitionRecord draft;
        if (latest is { IsPublished: false })
        {
            draft = latest;
        }
        else
        {
            if (latest is not null) latest.IsLatest = false;
            draft = new WorkflowDefinitionRecord
            {
                DefinitionId = definition.DefinitionId, Version = (latest?.Version ?? 0) + 1, IsLatest = true, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.WorkflowDefinitions.Add(draft);
        }
        draft.Name = definition.Name;
        draft.Json = WorkflowJson.Write(definition);
        draft.Source = source;
        await db.SaveChangesAsync(ct);
        return (draft, compiler.Validate(definition));
    }

    /// <summary>Publishes a version after validating it; running instances stay on the version they started with.</summary>
    public async Task<WorkflowDefinitionRecord> PublishAsync(string definitionId, int version, CancellationToken ct)
    {
        var target = await db.WorkflowDefinitions.SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, ct)
            ?? throw new KeyNotFoundException($"workflow '{definitionId}' has no version {version}");
        var errors = compiler.Validate(WorkflowJson.Parse(target.Json));
        if (errors.Count > 0) throw new WorkflowValidationException(errors);
        foreach (var published in await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId && d.IsPublished).ToListAsync(ct))
            published.IsPublished = false;
        target.IsPublished = true;
        target.PublishedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return target;
    }

    /// <summary>Makes a new draft version from an old one (publish it to make the revert live).</summary>
    public async Task<WorkflowDefinitionRecord> RevertAsync(string definitionId, int toVersion, CancellationToken ct)
    {
        var old = await db.WorkflowDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == toVersion, ct)
            ?? throw new KeyNotFoundException($"workflow '{definitionId}' has no version {toVersion}");
        var (draft, _) = await SaveDraftAsync(WorkflowJson.Parse(old.Json), $"revert to v{toVersion}", ct);
        return draft;
    }
}
