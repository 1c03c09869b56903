namespace SocialCrm.Simulation;

/// <summary>The simulator's knobs (section "SocialCrm:Simulation").</summary>
public sealed class SimulationOptions
{
    public bool Enabled { get; set; }
    public double SignalsPerMinute { get; set; } = 20;
    public int Customers { get; set; } = 150;
    public int Seed { get; set; } = 42;
    /// <summary>Whether simulated agents work the inbox; off, the simulated customers keep posting and people do all the work.</summary>
    public bool Agents { get; set; } = true;
    /// <summary>How long an unclaimed case waits in the inbox before a simulated agent takes it (a person who claims it first keeps it).</summary>
    public double AgentDelaySeconds { get; set; } = 4;
    /// <summary>How many simulated agents there are (sim-agent-1, ...), and how many open cases each takes at once. They are available from the start and take the cases auto-assignment gives them, as people do.</summary>
    public int AgentCount { get; set; } = 5;
    public int AgentCapacity { get; set; } = 8;
    public double FollowUpProbability { get; set; } = 0.55;
    public double FinnishShare { get; set; } = 0.2;
    /// <summary>How often a simulated agent writes the other kind of reply than the brief recommends, as real agents do; it also lets the reply-kind model see both kinds.</summary>
    public double OverrideShare { get; set; } = 0.2;
    /// <summary>A topic wave to add to the everyday posts (TopicWaves: defect, delivery or campaign); empty for none.</summary>
    public string Wave { get; set; } = "";
    /// <summary>When the wave starts (minutes after the simulator), how long it lasts, and how many posts a minute it adds.</summary>
    public double WaveAfterMinutes { get; set; }
    public double WaveMinutes { get; set; } = 30;
    public double WavePostsPerMinute { get; set; } = 6;
}
