using System.Text.Json.Nodes;

namespace SocialCrm.Stages.Workflows;

/// <summary>
/// Host settings that workflows read as the variable "settings" (e.g. settings.autoAgent). They are the knobs
/// an operator turns without editing a definition.
/// </summary>
public sealed class WorkflowSettings
{
    /// <summary>Agents' decisions are taken automatically from the brief's recommendation (benchmarks, demos).</summary>
    public bool AutoAgent { get; set; }

    /// <summary>How long the measure stage waits for outcome signals after acting.</summary>
    public double OutcomeWindowSeconds { get; set; } = 120;

    /// <summary>Posts of intent "other" that are not negative are ignored below this customer value.</summary>
    public double IgnoreBelowValue { get; set; } = 0.15;

    /// <summary>Praise from customers below this value gets the standard thank-you automatically.</summary>
    public double AutoReplyBelowValue { get; set; } = 0.3;

    public JsonObject ToJson() => new()
    {
        ["autoAgent"] = AutoAgent,
        ["outcomeWindowSeconds"] = OutcomeWindowSeconds,
        ["ignoreBelowValue"] = IgnoreBelowValue,
        ["autoReplyBelowValue"] = AutoReplyBelowValue,
    };
}
