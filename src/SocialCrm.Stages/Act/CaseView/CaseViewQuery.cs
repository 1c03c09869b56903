using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Customers;
using SocialCrm.Domain.Measure;
using SocialCrm.Domain.Signals;
using SocialCrm.Persistence;
using SocialCrm.Stages.Act.Connections;
using SocialCrm.Stages.Act.Sending;
using SocialCrm.Stages.Customers;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Stages.Act.CaseView;

public sealed record EarlierCase(Guid CaseId, DateTime CreatedAt, string Status, string? Intent, string? ReplyKind, string? Outcome);

public sealed record CustomerCard(Guid Id, string Name, string Status, bool ConsentToConnect, double LifetimeRevenue, DateTime FirstSeenAt, double TenureDays,
    IReadOnlyList<SocialIdentity> Identities, DateTime? ConnectionRequestedAt, BackOfficeFacts BackOffice, DateTime? ErasedAt);

/// <summary>What the back office said about the customer, if anything: its id, e-mail and consents with when and how.</summary>
public sealed record BackOfficeFacts(string? ExternalId, string? Email, ConsentView Contact, ConsentView Connect, DateTime? UpdatedAt);

public sealed record BriefReason(string Model, string Reason);

public sealed record JournalLine(string DefinitionId, int Version, int Sequence, string ActivityId, string ActivityType, string? Outcome, string? Detail, DateTime At);

public sealed record CaseViewModel(Case Case, CaseBrief? Brief, IReadOnlyList<BriefReason> Reasons, JsonObject Models, Signal Signal, IReadOnlyList<Signal> Thread,
    CustomerCard Customer, IReadOnlyList<EarlierCase> EarlierCases, IReadOnlyList<Interaction> History, IReadOnlyList<OutgoingMessage> Sent,
    AgentAction? Action, CaseMetrics? Metrics, string? ConnectionRefusal, string? ConnectionKind, IReadOnlyList<JournalLine> Journal,
    string? ReplyRefusal, IReadOnlyList<SignalRevision> Revisions, IReadOnlyList<IdentityClaimView> Claims, IReadOnlyList<CaseEvent> Timeline);

/// <summary>Everything about one case: the post and its thread, the customer card, the brief with its reasons, what was sent, the outcome and the workflow journal.</summary>
public sealed class CaseViewQuery(CrmDbContext db, ConnectionRules connections, ReplyRules replies, IdentityClaims claims, TimeProvider clock)
{
    public async Task<CaseViewModel?> GetAsync(Guid id, CancellationToken ct)
    {
        var @case = await db.Cases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (@case is null) return null;
        var brief = await db.CaseBriefs.AsNoTracking().SingleOrDefaultAsync(b => b.CaseId == id, ct);
        var signal = await db.Signals.AsNoTracking().SingleAsync(s => s.Id == @case.SignalId, ct);
        var root = signal.ThreadRootId ?? signal.Id;
        var thread = await db.Signals.AsNoTracking().Where(s => s.Id == root || s.ThreadRootId == root).OrderBy(s => s.PostedAt).Take(50).ToListAsync(ct);
        var customer = await db.Customers.AsNoTracking().Include(c => c.Identities).SingleAsync(c => c.Id == @case.CustomerId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var card = new CustomerCard(customer.Id, customer.DisplayName, customer.Status.ToString(), customer.ConsentToConnect, customer.LifetimeRevenue, customer.FirstSeenAt,
            Math.Max(0, (now - customer.FirstSeenAt).TotalDays), customer.Identities, customer.ConnectionRequestedAt,
            new BackOfficeFacts(customer.ExternalId, customer.Email, new(customer.ConsentToContact, customer.ContactConsentAt, customer.ContactConsentSource),
                new(customer.ConsentToConnect, customer.ConnectConsentAt, customer.ConnectConsentSource), customer.BackOfficeUpdatedAt), customer.ErasedAt);
        var earlier = await (
                from ec in db.Cases.AsNoTracking()
                where ec.CustomerId == @case.CustomerId && ec.CreatedAt < @case.CreatedAt
                join s in db.Signals on ec.SignalId equals s.Id
                join m in db.CaseMetrics on ec.Id equals m.CaseId into measured
                from m in measured.DefaultIfEmpty()
                orderby ec.CreatedAt descending
                select new EarlierCase(ec.Id, ec.CreatedAt, ec.Status, s.Intent, ec.ReplyKind, m == null ? null : m.Outcome))
            .Take(20).ToListAsync(ct);
        var history = await db.Interactions.AsNoTracking().Where(i => i.CustomerId == @case.CustomerId).OrderByDescending(i => i.OccurredAt).Take(50).ToListAsync(ct);
        var sent = await db.OutgoingMessages.AsNoTracking().Where(m => m.CaseId == id).OrderBy(m => m.SentAt).ToListAsync(ct);
        var action = await db.AgentActions.AsNoTracking().SingleOrDefaultAsync(a => a.CaseId == id, ct);
        var metrics = await db.CaseMetrics.AsNoTracking().SingleOrDefaultAsync(m => m.CaseId == id, ct);
        var runs = await db.WorkflowInstances.AsNoTracking().Where(i => i.CorrelationId == id.ToString() || i.CorrelationId == @case.SignalId.ToString())
            .Join(db.WorkflowJournal, i => i.Id, j => j.InstanceId, (i, j) => new { i.DefinitionId, i.Version, Run = j })
            .ToListAsync(ct);
        var journal = runs.SelectMany(r => WorkflowHost.EntriesOf(r.Run).Select(e => new JournalLine(r.DefinitionId, r.Version, r.Run.Sequence, e.ActivityId, e.ActivityType, e.Outcome, e.Detail, e.At)))
            .OrderBy(j => Array.IndexOf(StageWorkflows.All, j.DefinitionId)).ThenBy(j => j.Sequence).ThenBy(j => j.At).ToList();
        var reasons = (JsonNode.Parse(brief?.ReasonsJson ?? "[]") as JsonArray ?? [])
            .Select(r => new BriefReason(r?["model"]?.ToString() ?? "", r?["reason"]?.ToString() ?? "")).ToList();
        var models = JsonNode.Parse(string.IsNullOrEmpty(brief?.Models) ? "{}" : brief.Models) as JsonObject ?? [];
        var refusal = await connections.WhyNotAsync(customer.Id, signal.Platform, ct);
        var replyRefusal = await replies.WhyNotAsync(signal, ct);
        var revisions = await db.SignalRevisions.AsNoTracking().Where(r => r.SignalId == signal.Id).OrderBy(r => r.ReplacedAt).ToListAsync(ct);
        return new(@case, brief, reasons, models, signal, thread, card, earlier, history, sent, action, metrics, refusal,
            SocialCrm.Channels.ChannelCapabilities.ConnectionKind(signal.Platform), journal, replyRefusal, revisions, await claims.OfCustomerAsync(customer.Id, ct),
            await db.CaseEvents.AsNoTracking().Where(e => e.CaseId == id).OrderBy(e => e.At).Take(500).ToListAsync(ct));
    }
}
