namespace SocialCrm.Domain.Measure;

/// <summary>The measure stage's result for one case.</summary>
/// <summary>What the agent did with a measured case (CaseMetrics.Action).</summary>
public static class MeasuredActions
{
    public const string Replied = "replied", Ignored = "ignored";
}

public sealed class CaseMetrics
{
    public Guid CaseId { get; set; }
    public Guid CustomerId { get; set; }
    public string Platform { get; set; } = "";
    public string Decision { get; set; } = "";
    public string Action { get; set; } = "";
    public string? ReplyKind { get; set; }
    public double? FirstResponseSeconds { get; set; }
    public double HandlingSeconds { get; set; }
    public bool SlaMet { get; set; }
    public double SentimentBefore { get; set; }
    public double? SentimentAfter { get; set; }
    public int StatusBefore { get; set; }
    public int StatusAfter { get; set; }
    public string ConnectionOutcome { get; set; } = "none";
    /// <summary>What the customer bought within the outcome window (the rise in lifetime revenue the back office reported); 0 if nothing.</summary>
    public double PurchaseAmount { get; set; }
    public string Outcome { get; set; } = "";
    public DateTime MeasuredAt { get; set; }
}

/// <summary>Per day and reply kind ("none" for cases without a reply): sums from which the report derives averages and rates.</summary>
public sealed class DailyAggregate
{
    public DateOnly Day { get; set; }
    public string ReplyKind { get; set; } = "none";
    public int Cases { get; set; }
    public int Replied { get; set; }
    public int Ignored { get; set; }
    public int SlaMet { get; set; }
    public double SumFirstResponseSeconds { get; set; }
    public double SumHandlingSeconds { get; set; }
    public int WithFollowUp { get; set; }
    public double SumSentimentDelta { get; set; }
    public int StatusUpgrades { get; set; }
    public int ConnectionsRequested { get; set; }
    public int ConnectionsAccepted { get; set; }
    /// <summary>Cases after which the customer bought again within the outcome window, and what they spent.</summary>
    public int Purchases { get; set; }
    public double SumPurchaseAmount { get; set; }
}
