namespace SocialCrm.Domain.Customers;

public sealed class Customer
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The back office's id for this customer (unique); null for authors the back office has not named.</summary>
    public string? ExternalId { get; set; }
    public string DisplayName { get; set; } = "";
    public string? Email { get; set; }
    public RelationshipStatus Status { get; set; }
    public double LifetimeRevenue { get; set; }
    /// <summary>Whether the customer agreed to connection requests (follow, friend, invite) from the company.</summary>
    public bool ConsentToConnect { get; set; }
    /// <summary>When and how the customer gave (or withdrew) consent to connection requests, as the back office recorded it.</summary>
    public DateTime? ConnectConsentAt { get; set; }
    public string? ConnectConsentSource { get; set; }
    /// <summary>Whether the customer agreed to be contacted (answered privately, followed up) by the company.</summary>
    public bool ConsentToContact { get; set; }
    public DateTime? ContactConsentAt { get; set; }
    public string? ContactConsentSource { get; set; }
    /// <summary>When the back office last sent what it knows.</summary>
    public DateTime? BackOfficeUpdatedAt { get; set; }
    /// <summary>When the company asked this customer to connect; nobody is asked twice (a concurrency token, so two cases cannot both ask).</summary>
    public DateTime? ConnectionRequestedAt { get; set; }
    public DateTime FirstSeenAt { get; set; }
    public DateTime? ErasedAt { get; set; }
    /// <summary>Set when evidence showed this record and another are one person: everything moved there, and a message still naming this record follows the link.</summary>
    public Guid? MergedIntoId { get; set; }
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
    /// <summary>Why this account is this customer, in words: first seen posting, named by the back office, or the evidence that linked it.</summary>
    public string? LinkedBy { get; set; }
    /// <summary>
    /// Linked only because a direct message named the customer's order number or e-mail, which someone else could
    /// know: until the back office names the account, it gets no connection request on the customer's consent.
    /// </summary>
    public bool LinkedByClaim { get; set; }
}

/// <summary>A purchase the back office reported; (CustomerId, OrderNumber) is unique, and an order number is evidence of who a customer is.</summary>
public sealed class Purchase
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CustomerId { get; set; }
    public string OrderNumber { get; set; } = "";
    public double Amount { get; set; }
    public DateTime PurchasedAt { get; set; }
}
