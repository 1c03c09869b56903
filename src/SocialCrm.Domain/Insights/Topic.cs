namespace SocialCrm.Domain.Insights;

/// <summary>
/// A topic customers talk about, found in the posts themselves (TopicDiscovery). It keeps its identity across
/// recomputations through the sampler's cluster; what an admin decided (a name, merged into another, hidden) stays.
/// </summary>
public sealed class Topic
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The discovery's cluster this topic is now; null once the cluster went to another matter or emptied.</summary>
    public int? Cluster { get; set; }
    /// <summary>The stem of its most distinctive word ("aeroblend").</summary>
    public string Key { get; set; } = "";
    /// <summary>Its top phrases as found ("aeroblend, leaking, vuotaa").</summary>
    public string Label { get; set; } = "";
    /// <summary>The name an admin gave it, shown instead of the label.</summary>
    public string? Name { get; set; }
    public Guid? MergedIntoId { get; set; }
    public bool Hidden { get; set; }
    /// <summary>JSON arrays: its top terms, the products it names, its order-related terms.</summary>
    public string TermsJson { get; set; } = "[]";
    public string ProductsJson { get; set; } = "[]";
    public string OrderTermsJson { get; set; } = "[]";
    /// <summary>Posts in it at the last recomputation (over its window).</summary>
    public int Size { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime ComputedAt { get; set; }

    public string DisplayName => Name ?? Label;
}

/// <summary>The topic a signal was placed in, and the sampler's cluster (the start of the next recomputation; -1 when placed between recomputations).</summary>
public sealed class SignalTopic
{
    public Guid SignalId { get; set; }
    public Guid TopicId { get; set; }
    public int Cluster { get; set; }
}

public static class TopicAlertKinds
{
    public const string Volume = "volume", NegativeShare = "negative-share";
}

/// <summary>A spike in a topic's volume or negative share against its own baseline, until a person acknowledges it.</summary>
public sealed class TopicAlert
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TopicId { get; set; }
    public string Kind { get; set; } = TopicAlertKinds.Volume;
    public DateTime RaisedAt { get; set; }
    /// <summary>The window the spike was seen in: its posts are the alert's cases.</summary>
    public DateTime WindowStart { get; set; }
    public int Observed { get; set; }
    public double Expected { get; set; }
    public double PValue { get; set; }
    public string Reason { get; set; } = "";
    public DateTime? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    /// <summary>When the alert webhook (if an admin set one) took it; null while it is still to be sent.</summary>
    public DateTime? NotifiedAt { get; set; }
    public int NotifyAttempts { get; set; }
}

/// <summary>Where spike alerts are also sent (an admin sets it; one row). Deliveries are signed with a secret from configuration.</summary>
public sealed class AlertWebhook
{
    public int Id { get; set; } = 1;
    public string Url { get; set; } = "";
    public string UpdatedBy { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
}
