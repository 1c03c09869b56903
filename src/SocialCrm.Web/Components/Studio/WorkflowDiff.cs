using System.Text.Json;
using SocialCrm.Workflows.Definitions;

namespace SocialCrm.Web.Components.Studio;

/// <summary>Which activities differ between two versions: added, removed, or with another type, inputs or outgoing connections.</summary>
public static class WorkflowDiff
{
    public sealed record Result(IReadOnlySet<string> Added, IReadOnlySet<string> Removed, IReadOnlySet<string> Changed)
    {
        public IReadOnlySet<string> All => Added.Concat(Changed).ToHashSet();
        public bool None => Added.Count + Removed.Count + Changed.Count == 0;
    }

    public static Result Between(WorkflowDefinition before, WorkflowDefinition after)
    {
        var old = before.Activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => Shape(before, g.First()));
        var now = after.Activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => Shape(after, g.First()));
        return new(
            now.Keys.Except(old.Keys).ToHashSet(),
            old.Keys.Except(now.Keys).ToHashSet(),
            now.Keys.Intersect(old.Keys).Where(id => old[id] != now[id]).ToHashSet());
    }

    /// <summary>An activity as text: type, inputs in name order, and where each outcome goes (and whether it is the start).</summary>
    private static string Shape(WorkflowDefinition definition, ActivityNode node) =>
        $"{node.Type}|{string.Join(",", node.Inputs.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Key}={JsonSerializer.Serialize(i.Value)}"))}" +
        $"|{string.Join(",", definition.Connections.Where(c => c.Source == node.Id).OrderBy(c => c.Outcome, StringComparer.Ordinal).Select(c => $"{c.Outcome}>{c.Target}"))}" +
        $"|{definition.Start == node.Id}";
}
