using System.Text.Json;
using System.Text.Json.Serialization;

namespace SocialCrm.Workflows.Definitions;

/// <summary>Reads and writes definitions in the one JSON shape used by workflows/*.json, import and export.</summary>
public static class WorkflowJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // Conditions are full of quotes ('complaint'); keep them readable in exported files that admins edit.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses a definition; malformed JSON becomes a <see cref="JsonException"/> with its line and position.</summary>
    public static WorkflowDefinition Parse(string json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
        ?? throw new JsonException("the workflow definition is empty (null)");

    public static string Write(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Options);
}
