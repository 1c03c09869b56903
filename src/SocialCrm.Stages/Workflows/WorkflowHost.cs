using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Workflows;
using SocialCrm.Stages.Settings;
using SocialCrm.Workflows.Execution;
using SocialCrm.Workflows.Validation;

namespace SocialCrm.Stages.Workflows;

/// <summary>
/// Starts and resumes workflow instances inside the caller's unit of work: the instance, its bookmark and journal
/// are saved by the same SaveChanges as the stage's domain rows and outbox messages.
/// </summary>
public sealed class WorkflowHost(CrmDbContext db, WorkflowCompiler compiler, PublishedVersions published, WorkflowRunner runner, IServiceProvider services,
    SettingsStore settings, TimeProvider clock)
{
    public async Task<WorkflowInstanceState> StartAsync(string definitionId, string correlationId, JsonObject input, CancellationToken ct)
    {
        var version = await published.OfAsync(db, definitionId, ct)
            ?? throw new InvalidOperationException($"no published version of workflow '{definitionId}'");
        var workflow = await CompiledAsync(definitionId, version, ct);

        var state = new WorkflowInstanceState { DefinitionId = definitionId, Version = version, CorrelationId = correlationId };
        foreach (var (key, value) in input) state.Variables[key] = value?.DeepClone();
        state.Variables["settings"] = await settings.VariablesAsync(ct);

        await runner.StartAsync(workflow, state, services, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new WorkflowInstanceRecord { Id = state.InstanceId, DefinitionId = definitionId, Version = version, CorrelationId = correlationId, CreatedAt = now };
        db.WorkflowInstances.Add(record);
        Save(state, record, now);
        return state;
    }

    /// <summary>Resumes the instance waiting on (name, correlation id); null when nothing waits there (already resumed, or never waited).</summary>
    public async Task<WorkflowInstanceState?> ResumeAsync(string bookmarkName, string correlationId, JsonObject payload, CancellationToken ct)
    {
        var bookmark = await db.WorkflowBookmarks.SingleOrDefaultAsync(b => b.Name == bookmarkName && b.CorrelationId == correlationId, ct);
        if (bookmark is null) return null;
        var record = await db.WorkflowInstances.SingleAsync(i => i.Id == bookmark.InstanceId, ct);
        // The instance stays on the version it started with, whatever has been published since.
        var workflow = await CompiledAsync(record.DefinitionId, record.Version, ct);

        var state = new WorkflowInstanceState
        {
            InstanceId = record.Id,
            DefinitionId = record.DefinitionId,
            Version = record.Version,
            CorrelationId = record.CorrelationId,
            Status = Enum.Parse<WorkflowStatus>(record.Status),
            CurrentActivityId = record.CurrentActivityId,
            Variables = JsonNode.Parse(record.VariablesJson)!.AsObject(),
        };
        state.Variables["settings"] = await settings.VariablesAsync(ct);
        db.WorkflowBookmarks.Remove(bookmark);
        await runner.ResumeAsync(workflow, state, payload, services, ct);
        Save(state, record, clock.GetUtcNow().UtcDateTime);
        return state;
    }

    /// <summary>The journal entries of one stored run.</summary>
    public static IReadOnlyList<JournalEntry> EntriesOf(WorkflowJournalRecord run) =>
        JsonSerializer.Deserialize<List<JournalEntry>>(run.EntriesJson, JsonSerializerOptions.Web) ?? [];

    private async Task<CompiledWorkflow> CompiledAsync(string definitionId, int version, CancellationToken ct)
    {
        if (compiler.TryGetCached(definitionId, version, out var cached)) return cached;
        var json = await db.WorkflowDefinitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && d.Version == version).Select(d => d.Json).SingleAsync(ct);
        return compiler.GetOrCompile(definitionId, version, () => json);
    }

    private void Save(WorkflowInstanceState state, WorkflowInstanceRecord record, DateTime now)
    {
        if (state.Status == WorkflowStatus.Faulted)
            throw new WorkflowFaultedException(state.DefinitionId, state.CorrelationId, state.Fault ?? "unknown fault");
        record.Status = state.Status.ToString();
        record.CurrentActivityId = state.CurrentActivityId;
        record.VariablesJson = state.Variables.ToJsonString();
        record.UpdatedAt = now;
        if (state.NewJournalEntries.Count > 0)
            db.WorkflowJournal.Add(new WorkflowJournalRecord
            {
                InstanceId = state.InstanceId,
                Sequence = record.Runs++,
                EntriesJson = JsonSerializer.Serialize(state.NewJournalEntries.Select(e => e with { Detail = e.Detail is { Length: > 1000 } d ? d[..1000] : e.Detail }), JsonSerializerOptions.Web),
                At = now,
            });
        state.NewJournalEntries.Clear();
        if (state.Bookmark is { } b)
            db.WorkflowBookmarks.Add(new WorkflowBookmarkRecord
            {
                InstanceId = state.InstanceId, Name = b.Name, CorrelationId = b.CorrelationId, ActivityId = state.CurrentActivityId!, DueAt = b.DueAt, CreatedAt = now,
            });
    }
}

/// <summary>
/// A run faulted: the whole unit of work is rolled back and the message retried, then parked as failed for an admin,
/// rather than committing a half-done stage.
/// </summary>
public sealed class WorkflowFaultedException(string definitionId, string correlationId, string fault)
    : Exception($"workflow '{definitionId}' faulted for {correlationId}: {fault}");
