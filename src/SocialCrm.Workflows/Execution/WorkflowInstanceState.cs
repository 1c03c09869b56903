using System.Text.Json.Nodes;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Workflows.Execution;

public enum WorkflowStatus { Running, Suspended, Completed, Faulted }

/// <summary>
/// One activity's run. An activity that is not pure also records the variables it set (Outputs), so a backtest can
/// replay it without running it again.
/// </summary>
public sealed record JournalEntry(string ActivityId, string ActivityType, string? Outcome, string? Detail, DateTime At, JsonObject? Outputs = null);

/// <summary>
/// The state of one run, pinned to the definition version it started with. The host loads and saves it;
/// the engine only changes it.
/// </summary>
public sealed class WorkflowInstanceState
{
    public Guid InstanceId { get; init; } = Guid.CreateVersion7();
    public required string DefinitionId { get; init; }
    public required int Version { get; init; }
    public required string CorrelationId { get; init; }
    public WorkflowStatus Status { get; set; } = WorkflowStatus.Running;
    public string? CurrentActivityId { get; set; }
    public JsonObject Variables { get; init; } = [];
    public BookmarkRequest? Bookmark { get; set; }
    public string? Fault { get; set; }

    /// <summary>What this run appended to the journal (the host persists and clears it).</summary>
    public List<JournalEntry> NewJournalEntries { get; } = [];
}
