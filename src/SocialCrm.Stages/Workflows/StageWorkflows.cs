using SocialCrm.Workflows.Validation;

namespace SocialCrm.Stages.Workflows;

/// <summary>The definition ids of the four stage workflows (workflows/*.json) and the bookmarks they wait on.</summary>
public static class StageWorkflows
{
    public const string Listen = "listen", Analyse = "analyse", Act = "act", Measure = "measure";
    public static readonly string[] All = [Listen, Analyse, Act, Measure];

    public const string AgentActionBookmark = "AgentAction", CaseOutcomeBookmark = "CaseOutcome";

    /// <summary>
    /// The only workflows there are, with the variables each stage's consumer starts them with (keep in step with
    /// the consumers' StartAsync calls), and the settings they read.
    /// </summary>
    public static WorkflowCatalog Catalog() => new(
        new Dictionary<string, IReadOnlyList<string>>
        {
            [Listen] = ["signal.id"],
            [Analyse] = ["signal.id", "signal.platform", "signal.language", "customer.id", "sentiment.label", "sentiment.score", "intent.label"],
            [Act] = ["case.id"],
            [Measure] = ["case.id", "case.action", "case.connectionRequested", "signal.id", "customer.statusBefore", "customer.statusAfter"],
        },
        SocialCrm.Stages.Settings.SettingsStore.Names);
}
