using System.Collections.Concurrent;
using System.Text.Json;
using SocialCrm.Workflows.Activities;
using SocialCrm.Workflows.Definitions;
using SocialCrm.Workflows.Execution;
using SocialCrm.Workflows.Expressions;

namespace SocialCrm.Workflows.Validation;

/// <summary>
/// Validates a definition (every error, each with its activity id and JSON path) and compiles it.
/// Compiled published versions are cached by (definition id, version): those never change.
/// </summary>
public sealed class WorkflowCompiler(ActivityRegistry registry, WorkflowCatalog? catalog = null)
{
    private readonly ConcurrentDictionary<(string, int), CompiledWorkflow> _cache = new();

    public ActivityRegistry Registry => registry;
    public WorkflowCatalog? Catalog => catalog;

    public bool TryGetCached(string definitionId, int version, out CompiledWorkflow workflow) =>
        _cache.TryGetValue((definitionId, version), out workflow!);

    /// <summary>
    /// A published version, compiled to run. Names are not checked again here: a version published before the check
    /// existed keeps running (and its waiting instances keep resuming) rather than failing every message.
    /// </summary>
    public CompiledWorkflow GetOrCompile(string definitionId, int version, Func<string> loadJson) =>
        _cache.GetOrAdd((definitionId, version), _ => Compile(WorkflowJson.Parse(loadJson()), version, checkNames: false));

    public CompiledWorkflow Compile(WorkflowDefinition definition, int version, bool checkNames = true)
    {
        var (compiled, errors) = TryCompile(definition, version, checkNames);
        return compiled ?? throw new WorkflowValidationException(errors);
    }

    /// <summary>Every error, names included: what saving and publishing a draft check.</summary>
    public IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition) => TryCompile(definition, 0).Errors;

    public (CompiledWorkflow? Workflow, IReadOnlyList<ValidationError> Errors) TryCompile(WorkflowDefinition definition, int version, bool checkNames = true)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(definition.DefinitionId))
            errors.Add(new(null, "$.definitionId", "is required"));
        else if (checkNames && catalog is not null && !catalog.TryGetStartVariables(definition.DefinitionId, out _))
            errors.Add(new(null, "$.definitionId", $"no stage runs a workflow '{definition.DefinitionId}'; the workflows are {string.Join(", ", catalog.DefinitionIds)}"));
        if (definition.Activities.Count == 0)
            errors.Add(new(null, "$.activities", "a workflow needs at least one activity"));

        var activities = new Dictionary<string, CompiledActivity>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Activities.Count; i++)
        {
            var node = definition.Activities[i];
            var path = $"$.activities[{i}]";
            if (string.IsNullOrWhiteSpace(node.Id)) { errors.Add(new(null, $"{path}.id", "is required")); continue; }
            if (activities.ContainsKey(node.Id)) { errors.Add(new(node.Id, $"{path}.id", "is used by another activity")); continue; }
            if (!registry.TryGet(node.Type, out var type, out var descriptor))
            {
                errors.Add(new(node.Id, $"{path}.type", $"unknown activity type '{node.Type}'"));
                continue;
            }
            var expressions = CheckInputs(node, descriptor, path, errors);
            activities[node.Id] = new CompiledActivity(node, type, descriptor, expressions);
        }

        if (!activities.ContainsKey(definition.Start))
            errors.Add(new(null, "$.start", $"the start activity '{definition.Start}' does not exist"));

        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < definition.Connections.Count; i++)
        {
            var c = definition.Connections[i];
            var path = $"$.connections[{i}]";
            if (!activities.TryGetValue(c.Source, out var source))
                errors.Add(new(c.Source, $"{path}.source", $"no activity '{c.Source}'"));
            else if (!source.Descriptor.Outcomes.Contains(c.Outcome))
                errors.Add(new(c.Source, $"{path}.outcome", $"'{source.Descriptor.Type}' has no outcome '{c.Outcome}' (it has {string.Join(", ", source.Descriptor.Outcomes)})"));
            if (!activities.ContainsKey(c.Target))
                errors.Add(new(c.Target, $"{path}.target", $"no activity '{c.Target}'"));
            if (!seen.Add((c.Source, c.Outcome)))
                errors.Add(new(c.Source, $"{path}", $"outcome '{c.Outcome}' of '{c.Source}' is connected twice"));
        }

        if (checkNames && catalog is not null) NameCheck.Run(definition, activities, catalog, errors);

        if (errors.Count == 0)
        {
            var reachable = Reachable(definition);
            for (var i = 0; i < definition.Activities.Count; i++)
                if (!reachable.Contains(definition.Activities[i].Id))
                    errors.Add(new(definition.Activities[i].Id, $"$.activities[{i}]", "cannot be reached from the start activity"));
        }

        return errors.Count == 0 ? (new CompiledWorkflow(definition, version, activities), errors) : (null, errors);
    }

    private static Dictionary<string, Expr> CheckInputs(ActivityNode node, ActivityDescriptor descriptor, string path, List<ValidationError> errors)
    {
        var expressions = new Dictionary<string, Expr>(StringComparer.Ordinal);
        foreach (var name in node.Inputs.Keys.Where(k => descriptor.Inputs.All(d => d.Name != k)))
            errors.Add(new(node.Id, $"{path}.inputs.{name}", $"'{descriptor.Type}' has no input '{name}'"));

        foreach (var input in descriptor.Inputs)
        {
            var inputPath = $"{path}.inputs.{input.Name}";
            if (!node.Inputs.TryGetValue(input.Name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                if (input.Required) errors.Add(new(node.Id, inputPath, $"is required ({input.Description})"));
                continue;
            }
            var ok = input.Kind switch
            {
                InputKind.String => value.ValueKind == JsonValueKind.String,
                // A number, or an expression that gives one (e.g. "settings.vipValue"), so a threshold can follow the settings.
                InputKind.Number => value.ValueKind is JsonValueKind.Number or JsonValueKind.String,
                InputKind.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                InputKind.Expression => value.ValueKind == JsonValueKind.String,
                _ => false,
            };
            if (!ok)
            {
                var expected = input.Kind == InputKind.Number ? "number, or an expression in quotes such as \"settings.vipValue\"" : input.Kind.ToString().ToLowerInvariant();
                errors.Add(new(node.Id, inputPath, $"must be a {expected}, not {value.ValueKind.ToString().ToLowerInvariant()}"));
                continue;
            }
            if (input.Kind != InputKind.Expression && !(input.Kind == InputKind.Number && value.ValueKind == JsonValueKind.String)) continue;
            try
            {
                expressions[input.Name] = ExpressionParser.Parse(value.GetString()!);
            }
            catch (ExpressionException e)
            {
                errors.Add(new(node.Id, inputPath, $"{e.Message} at character {e.Position + 1}"));
            }
        }
        return expressions;
    }

    private static HashSet<string> Reachable(WorkflowDefinition definition)
    {
        var reached = new HashSet<string> { definition.Start };
        var queue = new Queue<string>([definition.Start]);
        while (queue.TryDequeue(out var id))
            foreach (var c in definition.Connections.Where(c => c.Source == id))
                if (reached.Add(c.Target)) queue.Enqueue(c.Target);
        return reached;
    }
}
