using SocialCrm.Workflows.Definitions;
using SocialCrm.Workflows.Execution;
using SocialCrm.Workflows.Expressions;

namespace SocialCrm.Workflows.Validation;

/// <summary>
/// Resolves every name an expression reads: a setting must exist; a variable must be one the workflow starts with or
/// one that an activity upstream (one that can run before) sets. A miss is an error with a "did you mean".
/// </summary>
internal static class NameCheck
{
    public static void Run(WorkflowDefinition definition, IReadOnlyDictionary<string, CompiledActivity> activities, WorkflowCatalog catalog, List<ValidationError> errors)
    {
        if (!catalog.TryGetStartVariables(definition.DefinitionId, out var startVariables)) return;
        var writes = activities.ToDictionary(a => a.Key, a => Writes(a.Value));
        var upstream = Upstream(definition);
        var settings = catalog.Settings.Select(s => $"{WorkflowCatalog.SettingsVariable}.{s}").ToList();

        for (var i = 0; i < definition.Activities.Count; i++)
        {
            var node = definition.Activities[i];
            if (!activities.TryGetValue(node.Id, out var activity) || activity.Node != node) continue;
            var known = startVariables.Concat(upstream.GetValueOrDefault(node.Id, []).SelectMany(id => writes.GetValueOrDefault(id, []))).ToHashSet(StringComparer.Ordinal);
            foreach (var (input, expr) in activity.Expressions)
                foreach (var (path, position) in ExpressionReferences.Of(expr).DistinctBy(r => r.Path))
                {
                    var problem = path == WorkflowCatalog.SettingsVariable || path.StartsWith(WorkflowCatalog.SettingsVariable + ".", StringComparison.Ordinal)
                        ? SettingProblem(path, settings)
                        : VariableProblem(path, node.Id, known, writes);
                    if (problem is not null)
                        errors.Add(new(node.Id, $"$.activities[{i}].inputs.{input}", $"{problem} (at character {position + 1})"));
                }
        }
    }

    private static string? SettingProblem(string path, List<string> settings)
    {
        if (path == WorkflowCatalog.SettingsVariable || settings.Contains(path)) return null;
        return $"'{path}' is not a setting{NameSuggestion.Suggest(path, settings)}";
    }

    private static string? VariableProblem(string path, string activityId, HashSet<string> known, Dictionary<string, IReadOnlyList<string>> writes)
    {
        if (known.Any(k => Covers(k, path))) return null;
        var elsewhere = writes.Where(w => w.Key != activityId && w.Value.Any(k => Covers(k, path))).Select(w => w.Key).FirstOrDefault();
        if (elsewhere is not null) return $"'{path}' is set by '{elsewhere}', which does not run before this activity";
        var candidates = known.SelectMany(Prefixes).Distinct().ToList();
        return $"'{path}' is not set by any activity before this one, nor given when the workflow starts{NameSuggestion.Suggest(path, candidates)}";
    }

    /// <summary>A known variable a.b makes a.b, a (an object) and a.b.c (a member of it) readable.</summary>
    private static bool Covers(string known, string path) =>
        known == path || path.StartsWith(known + ".", StringComparison.Ordinal) || known.StartsWith(path + ".", StringComparison.Ordinal);

    private static IEnumerable<string> Prefixes(string path)
    {
        for (var dot = path.IndexOf('.'); dot > 0; dot = path.IndexOf('.', dot + 1)) yield return path[..dot];
        yield return path;
    }

    private static IReadOnlyList<string> Writes(CompiledActivity activity)
    {
        var named = activity.Descriptor.WritesVariableNamedBy is { } input && activity.Node.Inputs.TryGetValue(input, out var value)
            && value.ValueKind == System.Text.Json.JsonValueKind.String ? value.GetString() : null;
        return named is null ? activity.Descriptor.Writes : [.. activity.Descriptor.Writes, named];
    }

    /// <summary>For each activity, every activity that can run before it (walking the connections backwards).</summary>
    private static Dictionary<string, HashSet<string>> Upstream(WorkflowDefinition definition)
    {
        var sources = definition.Connections.GroupBy(c => c.Target).ToDictionary(g => g.Key, g => g.Select(c => c.Source).ToList());
        var result = new Dictionary<string, HashSet<string>>();
        foreach (var node in definition.Activities)
        {
            var seen = new HashSet<string>();
            var queue = new Queue<string>(sources.GetValueOrDefault(node.Id, []));
            while (queue.TryDequeue(out var id))
                if (seen.Add(id))
                    foreach (var s in sources.GetValueOrDefault(id, [])) queue.Enqueue(s);
            result[node.Id] = seen;
        }
        return result;
    }
}
