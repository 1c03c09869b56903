namespace SocialCrm.Stages.Measure.Reports;

/// <summary>The measure phase's figures for one reply kind (or all) over a period; rates are 0..1, times in seconds.</summary>
public sealed record ReportRow(
    string ReplyKind,
    int Cases,
    int Replied,
    int Ignored,
    double SlaMetRate,
    double? AvgFirstResponseSeconds,
    double AvgHandlingSeconds,
    double FollowUpRate,
    double? AvgSentimentDelta,
    int StatusUpgrades,
    int ConnectionsRequested,
    double? ConnectionAcceptRate,
    double RepeatPurchaseRate,
    double PurchaseRevenue);

public sealed record DayPoint(DateOnly Day, int Cases, int Replied, double SlaMetRate);

public sealed record MeasureReport(DateOnly From, DateOnly To, ReportRow Total, IReadOnlyList<ReportRow> ByReplyKind, IReadOnlyList<DayPoint> Days);

/// <summary>How many signals each stage has seen: the landing page's live counts.</summary>
public sealed record StageCounts(int Accepted, int Captured, int Briefs, int AwaitingAgent, int Acted, int Measured, int RepliesSent,
    int ConnectionRequests, int OutboxPending, int FailedMessages);
