using System.Text.Json.Nodes;
using SocialCrm.Domain.Cases;

namespace SocialCrm.Stages.Settings;

/// <summary>How one agent queue works. Part of the versioned settings (settings.queues.vip.autoAssign in a workflow).</summary>
public sealed record QueueSettings
{
    /// <summary>New cases go straight to the available agent of the queue with the fewest open cases, under their capacity.</summary>
    public bool AutoAssign { get; init; } = true;

    public JsonObject ToJson() => new() { ["autoAssign"] = AutoAssign };

    /// <summary>Every known queue as a new install has it: auto-assignment on.</summary>
    public static Dictionary<string, QueueSettings> Defaults() => CaseQueues.All.ToDictionary(q => q, _ => new QueueSettings());

    /// <summary>A store saved before queue settings existed: its agents claimed cases themselves, so they still do until an admin turns assignment on.</summary>
    public static Dictionary<string, QueueSettings> Upgraded() => CaseQueues.All.ToDictionary(q => q, _ => new QueueSettings { AutoAssign = false });

    /// <summary>"vip: auto-assign on → off" for each queue whose settings differ.</summary>
    public static IEnumerable<string> Changes(IReadOnlyDictionary<string, QueueSettings> before, IReadOnlyDictionary<string, QueueSettings> after) =>
        after.Keys.Union(before.Keys).Order(StringComparer.Ordinal)
            .Where(q => before.GetValueOrDefault(q) != after.GetValueOrDefault(q))
            .Select(q => $"{q}: auto-assign {OnOff(before.GetValueOrDefault(q))} → {OnOff(after.GetValueOrDefault(q))}");

    private static string OnOff(QueueSettings? q) => q is null ? "unset" : q.AutoAssign ? "on" : "off";
}

public static class QueueNames
{
    public static bool IsValid(string name) => name.Length is >= 1 and <= 64 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
