using System.Text.Json;

namespace SocialCrm.Workflows.Definitions;

/// <summary>
/// A flowchart: activities joined by connections (source activity + outcome -> target activity).
/// This is the JSON that lives in workflows/ and that admins import, export and edit.
/// </summary>
public sealed class WorkflowDefinition
{
    public string DefinitionId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string Start { get; set; } = "";
    public List<ActivityNode> Activities { get; set; } = [];
    public List<Connection> Connections { get; set; } = [];
}

public sealed class ActivityNode
{
    public string Id { get; set; } = "";
    public string Type { get; set; } = "";
    public Dictionary<string, JsonElement> Inputs { get; set; } = [];
}

public sealed record Connection(string Source, string Outcome, string Target);
