namespace SocialCrm.Domain.Cases;

public static class CaseStatus
{
    public const string Prepared = "prepared", AwaitingAgent = "awaiting_agent", Acted = "acted", Ignored = "ignored", Measured = "measured";
}

public static class Decisions
{
    public const string Engage = "engage", Ignore = "ignore", AutoReply = "auto-reply";
}

/// <summary>The work that one signal causes, from brief to measurement. One case per signal.</summary>
public sealed class Case
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SignalId { get; set; }
    public Guid CustomerId { get; set; }
    public string Status { get; set; } = CaseStatus.Prepared;
    public string Decision { get; set; } = Decisions.Engage;
    public string Queue { get; set; } = "general";
    public int Priority { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime SlaDueAt { get; set; }
    public DateTime? FirstResponseAt { get; set; }
    public DateTime? ActedAt { get; set; }
    public DateTime? MeasuredAt { get; set; }
    public string? ReplyKind { get; set; }
    /// <summary>The agent who holds the case: set by a claim (or by the action of an agent acting on an unclaimed case); only the holder may act.</summary>
    public string? AssignedAgent { get; set; }
    public DateTime? ClaimedAt { get; set; }
    /// <summary>Tags agents and macros put on the case, comma-separated (<see cref="CaseTags"/>); workflows read them as case.tags.</summary>
    public string Tags { get; set; } = "";
    /// <summary>The case this one was merged into (it closed, ignored with that reason); the other holds the matter now.</summary>
    public Guid? MergedIntoCaseId { get; set; }
}

/// <summary>A tag is 1 to 32 lower-case letters, digits or dashes; a case has at most 10.</summary>
public static class CaseTags
{
    public const int MaxTags = 10, MaxLength = 32;

    public static IReadOnlyList<string> Of(string tags) => tags.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Join(IEnumerable<string> tags) => string.Join(",", tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().Order(StringComparer.Ordinal));

    /// <summary>Why a tag cannot be used, in words; null when it can.</summary>
    public static string? Refusal(string tag)
    {
        var t = tag.Trim().ToLowerInvariant();
        return t.Length is < 1 or > MaxLength || !t.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            ? $"'{tag}' is not a tag: 1 to {MaxLength} letters a-z, digits or dashes" : null;
    }
}

/// <summary>What the agent sees: the analyse stage's reading of the signal and the customer, with reasons.</summary>
public sealed class CaseBrief
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public string Summary { get; set; } = "";
    public string Sentiment { get; set; } = "";
    public double SentimentScore { get; set; }
    public string Intent { get; set; } = "";
    public double ValueScore { get; set; }
    /// <summary>JSON list of {reason, weight}: why the scores came out as they did.</summary>
    public string ReasonsJson { get; set; } = "[]";
    public string HistoryJson { get; set; } = "{}";
    public string RecommendedReplyKind { get; set; } = "";
    public string? TemplateKey { get; set; }
    /// <summary>The version of that template the draft was written from.</summary>
    public int? TemplateVersion { get; set; }
    /// <summary>The version of the admins' settings the case was decided under.</summary>
    public int? SettingsVersion { get; set; }
    public string DraftReply { get; set; } = "";
    public string Models { get; set; } = "";
    /// <summary>What the value and reply-kind models saw (JSON): with the measured outcome, a training example.</summary>
    public string? FeaturesJson { get; set; }
    /// <summary>The expected gain of a personalised reply, where the reply-kind advisor estimates one.</summary>
    public double? ReplyGain { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class AgentActions
{
    public const string Reply = "reply", Ignore = "ignore";
}

/// <summary>What a service agent decided for a case.</summary>
public sealed class AgentAction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public string Agent { get; set; } = "";
    public string Action { get; set; } = AgentActions.Reply;
    public string? ReplyKind { get; set; }
    public string? Text { get; set; }
    public bool RequestConnection { get; set; }
    public string? IgnoreReason { get; set; }
    public DateTime RecordedAt { get; set; }
}

/// <summary>The agent queues the analyse stage routes to (RouteToQueue); a workflow may name others.</summary>
public static class CaseQueues
{
    public const string Vip = "vip", Complaints = "complaints", Support = "support", Social = "social";
    public static readonly string[] All = [Vip, Complaints, Support, Social];
}
