namespace SocialCrm.Workflows.Activities;

public enum InputKind { String, Number, Boolean, Expression }

public sealed record InputDescriptor(string Name, InputKind Kind, bool Required, string Description);

/// <summary>What an activity type declares: its short alias, version, typed inputs and the outcomes it can end with.</summary>
public sealed record ActivityDescriptor(
    string Type,
    int Version,
    string Description,
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<string> Outcomes)
{
    /// <summary>The variables the activity sets (value.score), so validation knows what later expressions may read.</summary>
    public IReadOnlyList<string> Writes { get; init; } = [];

    /// <summary>
    /// The activity only reads and sets variables (no store, no clock-dependent state, no sends), so a backtest runs
    /// it for real; any other activity is replayed there from what it recorded in the journal.
    /// </summary>
    public bool Pure { get; init; }

    /// <summary>The input whose value names a variable the activity sets (SetVariable's "name").</summary>
    public string? WritesVariableNamedBy { get; init; }

    public static ActivityDescriptor Create(string type, string description, string[] outcomes, params InputDescriptor[] inputs) =>
        new(type, 1, description, inputs, outcomes);
}
