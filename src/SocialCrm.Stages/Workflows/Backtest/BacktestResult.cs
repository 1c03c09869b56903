using System.Text.Json.Nodes;

namespace SocialCrm.Stages.Workflows.Backtest;

/// <summary>What a backtest found: how many cases it compared, how many changed, the counts that moved, and each changed case.</summary>
public sealed record BacktestResult(
    string DefinitionId, int Version, int Read, int Compared, int Changed,
    IReadOnlyDictionary<string, BacktestCount> ByDecision, IReadOnlyDictionary<string, BacktestCount> ByReplyKind,
    IReadOnlyDictionary<string, BacktestCount> ByQueue, IReadOnlyDictionary<string, BacktestCount> ByPriority,
    IReadOnlyList<BacktestCase> Cases, IReadOnlyList<string> Skipped, double Seconds, JsonObject? SettingsTried = null);

/// <summary>How many cases had this value as decided (before) and under the version tried (after).</summary>
public sealed record BacktestCount(int Before, int After);

/// <summary>The decisions the analyse stage takes for a case.</summary>
public sealed record Decided(string Decision, string ReplyKind, string Queue, int Priority)
{
    public static Decided From(JsonObject variables) => new(
        Text(variables, "brief", "decision") ?? "engage",
        Text(variables, "reply", "kind") ?? "standard",
        Text(variables, "case", "queue") ?? "social",
        int.TryParse(Text(variables, "case", "priority"), out var p) ? p : 0);

    private static string? Text(JsonObject variables, string group, string name) =>
        variables[group] is JsonObject o && o[name] is JsonValue v ? v.ToString() : null;
}

/// <summary>One case, its decisions as taken (by the version that decided it) and as the version tried would take them, and its outcome if measured.</summary>
public sealed record BacktestCase(
    Guid CaseId, Guid SignalId, DateTime DecidedAt, string Platform, string Intent, string Sentiment, double Value,
    int DecidedByVersion, Decided Before, Decided After, BacktestOutcome? Outcome);

public sealed record BacktestOutcome(string Outcome, bool SlaMet, double SentimentBefore, double? SentimentAfter, string Connection, double PurchaseAmount);
