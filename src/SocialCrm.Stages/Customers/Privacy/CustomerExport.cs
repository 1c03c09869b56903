using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Customers.Privacy;

/// <summary>Everything held about one customer, as one JSON document (GDPR article 15 and 20): what an admin hands over on request.</summary>
public sealed class CustomerExport(CrmDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public async Task<JsonObject?> ExportAsync(Guid customerId, CancellationToken ct)
    {
        var at = await CustomerFootprint.FindAsync(db, customerId, ct);
        if (at is null) return null;
        return new JsonObject
        {
            ["exportedAt"] = clock.GetUtcNow(),
            ["customerId"] = customerId,
            ["customer"] = Node(await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new
            {
                c.ExternalId, c.DisplayName, c.Email, Status = c.Status.ToString(), c.LifetimeRevenue, c.ConsentToContact, c.ContactConsentAt, c.ContactConsentSource,
                c.ConsentToConnect, c.ConnectConsentAt, c.ConnectConsentSource, c.ConnectionRequestedAt, c.FirstSeenAt, c.BackOfficeUpdatedAt, c.ErasedAt,
            }).SingleAsync(ct)),
            ["mergedRecords"] = Node(at.Records.Skip(1)),
            ["accounts"] = Node(await db.SocialIdentities.AsNoTracking().Where(i => at.Records.Contains(i.CustomerId))
                .Select(i => new { i.Platform, i.Handle, i.PlatformUserId, i.DisplayName, i.Followers, i.LinkedBy, i.LinkedByClaim }).ToListAsync(ct)),
            ["purchases"] = Node(await db.Purchases.AsNoTracking().Where(p => at.Records.Contains(p.CustomerId))
                .Select(p => new { p.OrderNumber, p.Amount, p.PurchasedAt }).ToListAsync(ct)),
            ["posts"] = Node(await db.Signals.AsNoTracking().Where(s => at.Signals.Contains(s.Id)).OrderBy(s => s.PostedAt).ToListAsync(ct)),
            ["postRevisions"] = Node(await db.SignalRevisions.AsNoTracking().Where(r => at.Signals.Contains(r.SignalId)).ToListAsync(ct)),
            ["cases"] = Node(await db.Cases.AsNoTracking().Where(c => at.Cases.Contains(c.Id)).OrderBy(c => c.CreatedAt).ToListAsync(ct)),
            ["briefs"] = Node(await db.CaseBriefs.AsNoTracking().Where(b => at.Cases.Contains(b.CaseId)).ToListAsync(ct)),
            ["agentActions"] = Node(await db.AgentActions.AsNoTracking().Where(a => at.Cases.Contains(a.CaseId)).ToListAsync(ct)),
            ["messagesSent"] = Node(await db.OutgoingMessages.AsNoTracking().Where(m => at.Cases.Contains(m.CaseId)).ToListAsync(ct)),
            ["history"] = Node(await db.Interactions.AsNoTracking().Where(i => at.Records.Contains(i.CustomerId)).OrderBy(i => i.OccurredAt).ToListAsync(ct)),
            ["measurements"] = Node(await db.CaseMetrics.AsNoTracking().Where(m => at.Cases.Contains(m.CaseId)).ToListAsync(ct)),
            ["workflowRuns"] = Node(await db.WorkflowInstances.AsNoTracking().Where(i => at.Instances.Contains(i.Id))
                .Select(i => new { i.Id, i.DefinitionId, i.Version, i.CorrelationId, i.Status, i.CreatedAt, Variables = i.VariablesJson }).ToListAsync(ct)),
            ["workflowJournals"] = Node(await db.WorkflowJournal.AsNoTracking().Where(j => at.Instances.Contains(j.InstanceId))
                .Select(j => new { j.InstanceId, Entries = j.EntriesJson }).ToListAsync(ct)),
        };
    }

    private static JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, Json);
}
