namespace SocialCrm.Persistence.Workflows;

/// <summary>One version of a definition (Elsa's shape): (DefinitionId, Version) unique; published versions never change.</summary>
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
    public DateTime? PublishedAt { get; set; }
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
    public int JournalLength { get; set; }
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

public sealed class WorkflowJournalRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid InstanceId { get; set; }
    public int Sequence { get; set; }
    public string ActivityId { get; set; } = "";
    public string ActivityType { get; set; } = "";
    public string? Outcome { get; set; }
    public string? Detail { get; set; }
    public DateTime At { get; set; }
}
