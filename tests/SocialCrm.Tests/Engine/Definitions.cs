using SocialCrm.Workflows.Definitions;

namespace SocialCrm.Tests.Engine;

/// <summary>Builds small definitions in the same JSON shape as workflows/*.json.</summary>
public static class Definitions
{
    public static WorkflowDefinition Parse(string json) => WorkflowJson.Parse(json.Replace('\'', '"'));

    /// <summary>start -> If(condition) -> yes | no -> end.</summary>
    public static WorkflowDefinition Branch(string condition) => Parse($$"""
        { 'definitionId': 'branch', 'start': 'start',
          'activities': [
            { 'id': 'start', 'type': 'Emit' },
            { 'id': 'check', 'type': 'If', 'inputs': { 'condition': {{System.Text.Json.JsonSerializer.Serialize(condition).Replace('"', '\'')}} } },
            { 'id': 'yes', 'type': 'Emit' },
            { 'id': 'no', 'type': 'Emit' },
            { 'id': 'end', 'type': 'Emit' } ],
          'connections': [
            { 'source': 'start', 'outcome': 'Done', 'target': 'check' },
            { 'source': 'check', 'outcome': 'True', 'target': 'yes' },
            { 'source': 'check', 'outcome': 'False', 'target': 'no' },
            { 'source': 'yes', 'outcome': 'Done', 'target': 'end' },
            { 'source': 'no', 'outcome': 'Done', 'target': 'end' } ] }
        """);

    /// <summary>set startedOn = tag -> wait(Approval) -> set finishedOn = tag.</summary>
    public static WorkflowDefinition Waiting(string definitionId, string tag) => WorkflowJson.Parse($$"""
        { "definitionId": "{{definitionId}}", "start": "before",
          "activities": [
            { "id": "before", "type": "SetVariable", "inputs": { "name": "startedOn", "value": "'{{tag}}'" } },
            { "id": "wait", "type": "Wait", "inputs": { "bookmark": "Approval" } },
            { "id": "after", "type": "SetVariable", "inputs": { "name": "finishedOn", "value": "'{{tag}}'" } } ],
          "connections": [
            { "source": "before", "outcome": "Done", "target": "wait" },
            { "source": "wait", "outcome": "Done", "target": "after" } ] }
        """);
}
