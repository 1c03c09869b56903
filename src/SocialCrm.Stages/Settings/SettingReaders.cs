using SocialCrm.Workflows.Definitions;

namespace SocialCrm.Stages.Settings;

/// <summary>Whether a workflow reads a setting: by name in an expression, or through an activity whose input, left out, falls back to it.</summary>
public static class SettingReaders
{
    /// <summary>Activities' inputs that default to a setting when a workflow leaves them out (keep in step with the activities).</summary>
    public static readonly IReadOnlyList<(string Setting, string ActivityType, string Input)> Fallbacks =
    [
        ("vipValue", "RouteToQueue", "vipValue"),
        ("slaUrgentMinutes", "SetPriority", "urgentMinutes"),
        ("slaHighMinutes", "SetPriority", "highMinutes"),
        ("slaNormalMinutes", "SetPriority", "normalMinutes"),
        ("slaLowMinutes", "SetPriority", "lowMinutes"),
        ("personalisedRepliesPerDay", "RecommendReplyKind", "personalisedPerDay"),
    ];

    public static bool Reads(string definitionJson, string setting)
    {
        if (definitionJson.Contains($"settings.{setting}", StringComparison.Ordinal)) return true;
        try
        {
            var definition = WorkflowJson.Parse(definitionJson);
            return definition.Activities.Any(a => Fallbacks.Any(f => f.Setting == setting && f.ActivityType == a.Type && !a.Inputs.ContainsKey(f.Input)));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
        {
            return false;
        }
    }
}
