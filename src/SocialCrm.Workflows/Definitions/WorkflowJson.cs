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

    /// <summary>
    /// Parses a definition; malformed JSON, and a null where the shape needs a value (a null list, a null activity or
    /// connection), become a <see cref="JsonException"/> naming its path, so nothing half-read is saved.
    /// </summary>
    public static WorkflowDefinition Parse(string json)
    {
        var definition = JsonSerializer.Deserialize<WorkflowDefinition>(json, Options) ?? throw new JsonException("the workflow definition is empty (null)");
        static JsonException Null(string path, string what) => new($"must be {what}, not null", path, null, null);
        if (definition.DefinitionId is null) throw Null("$.definitionId", "text");
        definition.Name ??= "";
        definition.Start ??= "";
        if (definition.Activities is null) throw Null("$.activities", "a list of activities");
        if (definition.Connections is null) throw Null("$.connections", "a list of connections");
        for (var i = 0; i < definition.Activities.Count; i++)
        {
            var activity = definition.Activities[i] ?? throw Null($"$.activities[{i}]", "an activity");
            if (activity.Id is null) throw Null($"$.activities[{i}].id", "text");
            if (activity.Type is null) throw Null($"$.activities[{i}].type", "text");
            activity.Inputs ??= [];
        }
        for (var i = 0; i < definition.Connections.Count; i++)
        {
            var connection = definition.Connections[i] ?? throw Null($"$.connections[{i}]", "a connection");
            if (connection.Source is null || connection.Outcome is null || connection.Target is null)
                throw Null($"$.connections[{i}]", "a connection with source, outcome and target");
        }
        return definition;
    }

    public static string Write(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Options);
}
