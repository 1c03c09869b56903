using System.Text.Json.Nodes;

namespace SocialCrm.Stages.Workflows;

/// <summary>
/// Host settings that workflows read as the variable "settings" (e.g. settings.autoAgent), beside the admins'
/// versioned settings (Settings/CrmSettings): these are the operator's, set in configuration.
/// </summary>
public sealed class WorkflowSettings
{
    /// <summary>Agents' decisions are taken automatically from the brief's recommendation (benchmarks, demos).</summary>
    public bool AutoAgent { get; set; }

    /// <summary>How long the measure stage waits for outcome signals after acting.</summary>
    public double OutcomeWindowSeconds { get; set; } = 120;

    public JsonObject ToJson() => new()
    {
        ["autoAgent"] = AutoAgent,
        ["outcomeWindowSeconds"] = OutcomeWindowSeconds,
    };
}
