using SocialCrm.Domain.Measure;
namespace SocialCrm.Stages.Measure.Reports;

public static class ValueTiers
{
    public const string Low = "low", Medium = "medium", High = "high";
    public static readonly string[] All = [Low, Medium, High];
    public static string Of(double? value) => value switch { >= 0.67 => High, >= 0.34 => Medium, _ => Low };
}

/// <summary>What a figure counts: a drill-down from a figure to the cases behind it.</summary>
public static class ReportMetrics
{
    public const string Replied = "replied", Ignored = "ignored", SlaMet = "sla-met", SlaMissed = "sla-missed", FollowedUp = "followed-up",
        LadderMoves = "ladder-moves", ConnectionsSent = "connections-sent", ConnectionsAccepted = "connections-accepted", BoughtAgain = "bought-again";

    public static readonly string[] All = [Replied, Ignored, SlaMet, SlaMissed, FollowedUp, LadderMoves, ConnectionsSent, ConnectionsAccepted, BoughtAgain];

    public static bool Matches(string metric, CaseReportRow r) => metric switch
    {
        Replied => r.Action == MeasuredActions.Replied,
        Ignored => r.Action == MeasuredActions.Ignored,
        SlaMet => r.SlaMet,
        SlaMissed => !r.SlaMet,
        FollowedUp => r.SentimentAfter is not null,
        LadderMoves => r.LadderAfter != r.LadderBefore,
        ConnectionsSent => r.Connection != "none",
        ConnectionsAccepted => r.Connection == "accepted",
        BoughtAgain => r.RevenueAfter > 0,
        _ => true,
    };
}

/// <summary>The report's filters: measured between From and To (UTC days, inclusive), and any of the rest. Settable, as the report screen's form binds to it.</summary>
public sealed record ReportFilter
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Platform { get; set; }
    public string? Queue { get; set; }
    public string? Language { get; set; }
    public string? ReplyKind { get; set; }
    public string? ValueTier { get; set; }
    public string? Agent { get; set; }
    /// <summary>Only the cases with this tag.</summary>
    public string? Tag { get; set; }
    /// <summary>Only the cases one figure counts (ReportMetrics), for drill-down and export.</summary>
    public string? Metric { get; set; }
}

/// <summary>One measured case as the report counts it: the CSV export's row.</summary>
public sealed record CaseReportRow(
    Guid CaseId, DateTime CreatedAt, DateTime MeasuredAt, string Platform, string Queue, string? Language, string Decision, string Action, string? ReplyKind,
    double? ValueScore, string ValueTier, string? Agent, double? FirstResponseSeconds, double HandlingSeconds, bool SlaMet,
    double SentimentBefore, double? SentimentAfter, string LadderBefore, string LadderAfter, string Connection, double RevenueAfter, string Outcome);

/// <summary>The figures over a set of measured cases; times in seconds, rates 0..1, null where nothing was there to measure.</summary>
public sealed record ReportFigures(
    int Cases, int Replied, int Ignored, double? FirstResponseP50Seconds, double? FirstResponseP90Seconds, double? HandlingP50Seconds, double? HandlingAvgSeconds,
    int SlaMet, double? SlaMetRate, int FollowedUp, double? FollowUpRate, double? SentimentBefore, double? SentimentAfter, double? SentimentChange,
    int LadderMoves, int ConnectionsSent, int ConnectionsAccepted, double? ConnectionAcceptRate, int BoughtAgain, double? BoughtAgainRate, double RevenueAfter);

public sealed record KindFigures(string ReplyKind, ReportFigures Figures);

/// <summary>The Kassem comparison: personalised against standard replies within each value tier.</summary>
public sealed record KindTierFigures(string ValueTier, string ReplyKind, ReportFigures Figures);

public sealed record ReportDay(DateOnly Day, int Cases, int Replied, double? SlaMetRate, double? FirstResponseP50Seconds, double RevenueAfter);

public sealed record CaseReport(DateOnly From, DateOnly To, ReportFilter Filter, ReportFigures Total, IReadOnlyList<KindFigures> ByReplyKind,
    IReadOnlyList<KindTierFigures> ByValueTier, IReadOnlyList<ReportDay> Days);

public sealed record ReportFacets(string[] Platforms, string[] Queues, string[] Languages, string[] Agents, string[]? Tags = null);
