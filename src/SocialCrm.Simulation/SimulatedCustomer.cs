namespace SocialCrm.Simulation;

/// <summary>
/// A made-up customer. TrueValue is the simulator's hidden truth of how much engaging pays off (the models never
/// see it).
/// </summary>
public sealed class SimulatedCustomer
{
    public required string Handle { get; init; }
    public required string Name { get; init; }
    public required string Platform { get; init; }
    public required string Language { get; init; }
    public required int Followers { get; init; }
    public required double LifetimeRevenue { get; init; }
    public required bool Consent { get; init; }
    public required double TrueValue { get; init; }
    /// <summary>How long the back office had known them when the simulation began (1 to 2,500 days), if it knows them.</summary>
    public required double CustomerForDays { get; init; }
    /// <summary>Whether the company's back office knows them (they bought something, or agreed to be contacted).</summary>
    public bool InBackOffice => LifetimeRevenue > 0 || Consent;
}
