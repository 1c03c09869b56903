using SocialCrm.Workflows.Activities;
using SocialCrm.Workflows.Definitions;
using SocialCrm.Workflows.Expressions;

namespace SocialCrm.Workflows.Execution;

public sealed record CompiledActivity(ActivityNode Node, Type ImplementationType, ActivityDescriptor Descriptor, IReadOnlyDictionary<string, Expr> Expressions);

/// <summary>A validated definition with its expressions parsed and its connections indexed; immutable.</summary>
public sealed class CompiledWorkflow(WorkflowDefinition definition, int version, IReadOnlyDictionary<string, CompiledActivity> activities)
{
    private readonly Dictionary<(string, string), string> _next =
        definition.Connections.ToDictionary(c => (c.Source, c.Outcome), c => c.Target);

    public WorkflowDefinition Definition => definition;
    public string DefinitionId => definition.DefinitionId;
    public int Version => version;
    public IReadOnlyDictionary<string, CompiledActivity> Activities => activities;

    public string? NextActivity(string activityId, string outcome) => _next.GetValueOrDefault((activityId, outcome));
}
