namespace SocialCrm.Domain.Workplace;

public static class Availability
{
    public const string Available = "available", Away = "away", Offline = "offline";
    public static readonly string[] All = [Available, Away, Offline];
}

/// <summary>
/// How an agent takes work: whether they are available for new cases, how many open cases they hold at once, and
/// which queues they work (none named: every queue). Its row is also the lock that keeps concurrent assignments to one
/// agent within their capacity.
/// </summary>
public sealed class AgentProfile
{
    public string UserName { get; set; } = "";
    public string Availability { get; set; } = Workplace.Availability.Offline;
    public DateTime AvailabilityChangedAt { get; set; }
    public int Capacity { get; set; } = AgentProfiles.DefaultCapacity;
    /// <summary>Queue names, comma-separated; empty for every queue.</summary>
    public string Queues { get; set; } = "";
    /// <summary>When the agent was last given a case: round-robin among agents with as many open cases.</summary>
    public DateTime? LastAssignedAt { get; set; }

    public IReadOnlyList<string> QueueList => Queues.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool Works(string queue) => Queues.Length == 0 || QueueList.Contains(queue, StringComparer.OrdinalIgnoreCase);
}

public static class AgentProfiles
{
    public const int DefaultCapacity = 5, MaxCapacity = 200;
}
