namespace SocialCrm.Workflows.Validation;

/// <summary>One problem in a definition: the activity it concerns (if any), a JSON path into the definition, and what is wrong.</summary>
public sealed record ValidationError(string? ActivityId, string Path, string Message)
{
    public override string ToString() => ActivityId is null ? $"{Path}: {Message}" : $"{Path} (activity '{ActivityId}'): {Message}";
}

public sealed class WorkflowValidationException(IReadOnlyList<ValidationError> errors)
    : Exception("the workflow definition is invalid: " + string.Join("; ", errors))
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
