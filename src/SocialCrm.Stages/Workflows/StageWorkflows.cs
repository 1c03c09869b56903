namespace SocialCrm.Stages.Workflows;

/// <summary>The definition ids of the four stage workflows (workflows/*.json) and the bookmarks they wait on.</summary>
public static class StageWorkflows
{
    public const string Listen = "listen", Analyse = "analyse", Act = "act", Measure = "measure";
    public static readonly string[] All = [Listen, Analyse, Act, Measure];

    public const string AgentActionBookmark = "AgentAction", CaseOutcomeBookmark = "CaseOutcome";
}
