using SocialCrm.Stages.Customers;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Customers;
using SocialCrm.Domain.Signals;
using SocialCrm.Persistence;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Shared;

/// <summary>
/// The run's signal, case and customer (named by signal.id, case.id, customer.id), tracked in the stage's unit of
/// work. After the first activity loads one, the rest get it from the context's identity map without a query.
/// </summary>
public static class StageEntities
{
    public static async Task<Signal> SignalOf(this CrmDbContext db, ActivityContext context) =>
        await db.Signals.FindAsync([context.RequireGuid("signal.id")], context.CancellationToken)
        ?? throw new InvalidOperationException($"signal {context.Text("signal.id")} is gone");

    public static async Task<Case> CaseOf(this CrmDbContext db, ActivityContext context) =>
        await db.Cases.FindAsync([context.RequireGuid("case.id")], context.CancellationToken)
        ?? throw new InvalidOperationException($"case {context.Text("case.id")} is gone");

    /// <summary>The case's signal, from the identity map when LoadCase read it in this unit of work.</summary>
    public static async Task<Signal> SignalOf(this CrmDbContext db, Case @case, CancellationToken ct) =>
        await db.Signals.FindAsync([@case.SignalId], ct) ?? throw new InvalidOperationException($"signal {@case.SignalId} of case {@case.Id} is gone");

    /// <summary>The case's customer as the case names it, from the identity map when LoadCase read it.</summary>
    public static async Task<Customer> CustomerOf(this CrmDbContext db, Case @case, CancellationToken ct) =>
        await db.Customers.FindAsync([@case.CustomerId], ct) ?? throw new InvalidOperationException($"customer {@case.CustomerId} of case {@case.Id} is gone");

    /// <summary>The run's customer, following a merge made since the run was named (see CustomerLinks).</summary>
    public static Task<Customer> CustomerOf(this CrmDbContext db, ActivityContext context) =>
        new CustomerLinks(db).LiveAsync(context.RequireGuid("customer.id"), context.CancellationToken);
}
