namespace SocialCrm.Persistence.Workflows;

/// <summary>
/// One version of a definition (Elsa's shape): (DefinitionId, Version) unique. A version once published
/// (PublishedAt set) never changes; the one version neither published nor discarded is the definition's draft, the only
/// editable one. A discarded draft is kept, unchanged, under its number.
/// IsPublished marks the version the stage runs now.
/// </summary>
public sealed class WorkflowDefinitionRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string DefinitionId { get; set; } = "";
    public int Version { get; set; }
    public string Name { get; set; } = "";
    public bool IsLatest { get; set; }
    public bool IsPublished { get; set; }
    public string Json { get; set; } = "";
    public string Source { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    /// <summary>When and by whom the version was first published; null while it is the draft.</summary>
    public DateTime? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    /// <summary>The publisher's note on what changed and why.</summary>
    public string? Comment { get; set; }
    /// <summary>A draft kept as work in progress with validation errors (JSON list); null when valid.</summary>
    public string? ErrorsJson { get; set; }

    /// <summary>The definition id while this version is its draft, null once published: unique, so there is at most one draft.</summary>
    public string? DraftOf { get; set; }

    /// <summary>When and by whom the draft was thrown away: kept, so its version number is never given to another draft.</summary>
    public DateTime? DiscardedAt { get; set; }
    public string? DiscardedBy { get; set; }

    public bool IsDraft => PublishedAt is null && DiscardedAt is null;
    public bool IsDiscarded => DiscardedAt is not null;
}

public sealed class WorkflowInstanceRecord
{
    public Guid Id { get; set; }
    public string DefinitionId { get; set; } = "";
    public int Version { get; set; }
    public string CorrelationId { get; set; } = "";
    public string Status { get; set; } = "";
    public string? CurrentActivityId { get; set; }
    public string VariablesJson { get; set; } = "{}";
    public string? Fault { get; set; }
    /// <summary>How many runs the journal holds: the next run's sequence number.</summary>
    public int Runs { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A waiting instance: resumed by the message with this Name and CorrelationId; (Name, CorrelationId) is unique.</summary>
public sealed class WorkflowBookmarkRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InstanceId { get; set; }
    public string Name { get; set; } = "";
    public string CorrelationId { get; set; } = "";
    public string ActivityId { get; set; } = "";
    public DateTime? DueAt { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>
/// One run of an instance (start, or a resume up to the next wait): what each activity did, as a JSON list of
/// {activityId, activityType, outcome, detail, at}. One row per run rather than per activity keeps a stage's
/// transaction small.
/// </summary>
public sealed class WorkflowJournalRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InstanceId { get; set; }
    public int Sequence { get; set; }
    public string EntriesJson { get; set; } = "[]";
    public DateTime At { get; set; }
}
