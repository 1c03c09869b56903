using System.Text.Json;
using System.Text.Json.Nodes;
using SocialCrm.Persistence.Workflows;
using SocialCrm.Workflows.Validation;

namespace SocialCrm.Web.Api;

/// <summary>One version as the API shows it: the definition as JSON (not a string of JSON), its state and who did what when.</summary>
public sealed record WorkflowVersionView(
    string DefinitionId, int Version, string Name, string State, bool IsLive,
    DateTime CreatedAt, string CreatedBy, DateTime? PublishedAt, string? PublishedBy, string? Comment,
    bool Valid, IReadOnlyList<ValidationError> Errors, JsonNode Definition)
{
    public static WorkflowVersionView Of(WorkflowDefinitionRecord r) => new(
        r.DefinitionId, r.Version, r.Name, r.IsDraft ? "draft" : r.IsDiscarded ? "discarded" : "published", r.IsPublished,
        r.CreatedAt, r.CreatedBy, r.PublishedAt, r.PublishedBy, r.Comment,
        r.ErrorsJson is null, r.ErrorsJson is null ? [] : JsonSerializer.Deserialize<List<ValidationError>>(r.ErrorsJson, JsonSerializerOptions.Web) ?? [],
        JsonNode.Parse(r.Json)!);
}
