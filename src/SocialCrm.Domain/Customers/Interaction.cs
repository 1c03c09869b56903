namespace SocialCrm.Domain.Customers;

/// <summary>One line of a customer's history, written by every stage. Append-only: never updated, never deleted (but on erasure).</summary>
public sealed class Interaction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CustomerId { get; set; }
    public Guid? CaseId { get; set; }
    public Guid? SignalId { get; set; }
    public string Stage { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Detail { get; set; } = "";
    public DateTime OccurredAt { get; set; }
}
