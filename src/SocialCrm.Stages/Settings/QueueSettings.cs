using System.Text.Json.Nodes;
using SocialCrm.Domain.Cases;

namespace SocialCrm.Stages.Settings;

/// <summary>How one agent queue works. Part of the versioned settings (settings.queues.vip.autoAssign in a workflow).</summary>
public sealed record QueueSettings
{
    /// <summary>New cases go straight to the available agent of the queue with the fewest open cases, under their capacity.</summary>
    public bool AutoAssign { get; init; } = true;

    /// <summary>When the queue's SLA clock runs; null: around the clock.</summary>
    public BusinessHours? Hours { get; init; }

    public JsonObject ToJson() => new()
    {
        ["autoAssign"] = AutoAssign,
        ["hours"] = Hours is null ? null : new JsonObject { ["timeZone"] = Hours.TimeZone, ["week"] = Hours.Week, ["holidays"] = Hours.Holidays },
    };

    /// <summary>When a case created at <paramref name="fromUtc"/> with <paramref name="minutes"/> to answer is due: in opening hours when the queue has them.</summary>
    public DateTime SlaDue(DateTime fromUtc, double minutes) => Hours is null ? fromUtc.AddMinutes(minutes) : Hours.AddMinutes(fromUtc, minutes);

    /// <summary>Every known queue as a new install has it: auto-assignment on.</summary>
    public static Dictionary<string, QueueSettings> Defaults() => CaseQueues.All.ToDictionary(q => q, _ => new QueueSettings());

    /// <summary>A store saved before queue settings existed: its agents claimed cases themselves, so they still do until an admin turns assignment on.</summary>
    public static Dictionary<string, QueueSettings> Upgraded() => CaseQueues.All.ToDictionary(q => q, _ => new QueueSettings { AutoAssign = false });

    /// <summary>"vip: auto-assign on → off" for each queue whose settings differ.</summary>
    public static IEnumerable<string> Changes(IReadOnlyDictionary<string, QueueSettings> before, IReadOnlyDictionary<string, QueueSettings> after)
    {
        foreach (var q in after.Keys.Union(before.Keys).Order(StringComparer.Ordinal))
        {
            var (b, a) = (before.GetValueOrDefault(q), after.GetValueOrDefault(q));
            if (b?.AutoAssign != a?.AutoAssign) yield return $"{q}: auto-assign {OnOff(b)} → {OnOff(a)}";
            if (b?.Hours != a?.Hours) yield return $"{q}: hours {HoursText(b)} → {HoursText(a)}";
        }
    }

    private static string HoursText(QueueSettings? q) => q?.Hours?.ToString() ?? "around the clock";

    private static string OnOff(QueueSettings? q) => q is null ? "unset" : q.AutoAssign ? "on" : "off";
}

public static class QueueNames
{
    public static bool IsValid(string name) => name.Length is >= 1 and <= 64 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
