namespace SocialCrm.Domain.Customers;

/// <summary>
/// What a direct message said about who wrote it ("my order #55123", "it's me, sini@example.fi"): a claim, not
/// evidence, since order numbers are guessable and e-mail addresses are known to others. Until a person confirms it
/// (or the back office names the account) the author stays their own customer: nothing of the claimed customer's
/// record reaches the brief, the drafts or anything sent.
/// </summary>
public sealed class IdentityClaim
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The author's own record.</summary>
    public Guid CustomerId { get; set; }
    /// <summary>The back-office customer the message named.</summary>
    public Guid ClaimedCustomerId { get; set; }
    public Guid SignalId { get; set; }
    /// <summary>What the message gave, in words: "gave order number 55123 in a direct message" (when: <see cref="MadeAt"/>).</summary>
    public string Why { get; set; } = "";
    public DateTime MadeAt { get; set; }
    public string State { get; set; } = IdentityClaimStates.Pending;
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
}

public static class IdentityClaimStates
{
    public const string Pending = "pending", Confirmed = "confirmed", Rejected = "rejected";
}
