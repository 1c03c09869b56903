using System.Text.Json;
using SocialCrm.Web.Api;
using SocialCrm.Workflows.Definitions;
using SocialCrm.Workflows.Validation;

namespace SocialCrm.Web.Components.Studio;

/// <summary>An error in the editor's text: what is wrong, its JSON path, and the line and column it is at.</summary>
public sealed record DraftError(string Path, string Message, int Line, int Column, string? ActivityId);

/// <summary>Checks the editor's text as the admin types, as saving would (parse, then validate), without saving anything.</summary>
public sealed class DraftCheck(WorkflowCompiler compiler)
{
    public (WorkflowDefinition? Definition, IReadOnlyList<DraftError> Errors) Check(string text, string definitionId)
    {
        WorkflowDefinition definition;
        try
        {
            definition = WorkflowJson.Parse(text);
        }
        catch (JsonException e)
        {
            var (line, column) = e.LineNumber is { } l ? ((int)l + 1, (int)(e.BytePositionInLine ?? 0) + 1) : JsonPathLocator.Locate(text, e.Path ?? "$");
            return (null, [new DraftError(e.Path ?? "$", ProblemExceptionHandler.InWords(e), line, column, null)]);
        }
        var errors = compiler.Validate(definition).Select(e => Located(text, e)).ToList();
        if (definition.DefinitionId != definitionId)
            errors.Insert(0, Located(text, new ValidationError(null, "$.definitionId", $"must stay '{definitionId}': this is the {definitionId} workflow")));
        return (definition, errors);
    }

    private static DraftError Located(string text, ValidationError error)
    {
        var (line, column) = JsonPathLocator.Locate(text, error.Path);
        return new DraftError(error.Path, error.Message, line, column, error.ActivityId);
    }
}
