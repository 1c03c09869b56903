namespace SocialCrm.Workflows.Validation;

/// <summary>
/// The workflows that exist and what their expressions may read besides what activities set: the variables each is
/// started with and the settings (read as settings.name). With a catalog, validation refuses a definition no stage
/// runs and any name that nothing provides, rather than letting it read as null and silently never fire.
/// </summary>
public sealed class WorkflowCatalog(IReadOnlyDictionary<string, IReadOnlyList<string>> startVariables, IReadOnlyList<string> settings)
{
    public const string SettingsVariable = "settings";

    public IReadOnlyCollection<string> DefinitionIds => [.. startVariables.Keys];
    public IReadOnlyList<string> Settings => settings;

    public bool TryGetStartVariables(string definitionId, out IReadOnlyList<string> variables) =>
        startVariables.TryGetValue(definitionId, out variables!);
}
