namespace SocialCrm.Stages.Customers;

/// <summary>What the company's back office knows about one customer, as <c>PUT /api/customers/{externalId}</c> and the CSV import deliver it.</summary>
public sealed record CustomerRecordInput
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    /// <summary>What the customer has spent in all; without it, the sum of <see cref="Purchases"/>.</summary>
    public double? LifetimeRevenue { get; init; }
    /// <summary>The customer's purchases: the list replaces the ones sent before.</summary>
    public List<PurchaseInput>? Purchases { get; init; }
    public ConsentsInput? Consent { get; init; }
    /// <summary>The customer's accounts on the platforms: each is linked to this customer (first-party evidence).</summary>
    public List<IdentityInput>? Identities { get; init; }
}

public sealed record PurchaseInput
{
    public string? OrderNumber { get; init; }
    public double? Amount { get; init; }
    public DateTimeOffset? PurchasedAt { get; init; }
}

public sealed record ConsentsInput
{
    /// <summary>To be contacted by the company (private answers, follow-ups).</summary>
    public ConsentInput? Contact { get; init; }
    /// <summary>To connection requests (follow, invite) from the company.</summary>
    public ConsentInput? Connect { get; init; }
}

public sealed record ConsentInput
{
    public bool? Given { get; init; }
    /// <summary>When it was given or withdrawn.</summary>
    public DateTimeOffset? At { get; init; }
    /// <summary>How: "web shop checkout", "phone call 2026-10-02", ...</summary>
    public string? Source { get; init; }
}

public sealed record IdentityInput
{
    public string? Platform { get; init; }
    /// <summary>The platform's id for the account (preferred: handles change).</summary>
    public string? UserId { get; init; }
    public string? Handle { get; init; }
}
