namespace SocialCrm.Domain.Customers;

public sealed class Customer
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string DisplayName { get; set; } = "";
    public RelationshipStatus Status { get; set; }
    public double LifetimeRevenue { get; set; }
    /// <summary>Whether the customer agreed to connection requests (follow, friend, invite) from the company.</summary>
    public bool ConsentToConnect { get; set; }
    /// <summary>When the company asked this customer to connect; nobody is asked twice (a concurrency token, so two cases cannot both ask).</summary>
    public DateTime? ConnectionRequestedAt { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime? ErasedAt { get; set; }
    public List<SocialIdentity> Identities { get; set; } = [];
}

/// <summary>A customer's account on one platform; (Platform, Handle) and (Platform, PlatformUserId) are unique.</summary>
public sealed class SocialIdentity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CustomerId { get; set; }
    public string Platform { get; set; } = "";
    /// <summary>The platform's id for the account, which survives a change of handle; null until a webhook or the back office names it.</summary>
    public string? PlatformUserId { get; set; }
    public string Handle { get; set; } = "";
    public string? DisplayName { get; set; }
    public int Followers { get; set; }
}
