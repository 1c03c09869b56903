using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Customers;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Customers.Privacy;

public enum ErasureStatus { Erased, NotFound, OpenCases }

public sealed record ErasureResult(ErasureStatus Status, IReadOnlyList<Guid> OpenCases, string? Problem);

/// <summary>
/// Erases one customer (GDPR article 17): their names, handles, e-mail, back-office id, consents, accounts, purchases,
/// post texts and links, briefs, drafts and sent texts, history details, workflow variables and journals are removed
/// or replaced, in one transaction, for the record and every record merged into it. What stays is anonymous: the
/// cases with their decisions, times and outcomes, the metrics and the daily aggregates. The accounts are unlinked,
/// so a later post by the same handle starts a new customer, unlinked until the back office names them again.
/// </summary>
public sealed class CustomerErasure(CrmDbContext db, AuditLog audit, StoreWriteGate gate, TimeProvider clock)
{
    public const string Erased = "[erased]", ErasedName = "erased customer";
    /// <summary>A post this recent without a case is still on its way through listen and analyse.</summary>
    private static readonly TimeSpan StillPreparing = TimeSpan.FromMinutes(10);

    public async Task<ErasureResult> EraseAsync(Guid customerId, string actor, string? reason, CancellationToken ct)
    {
        using var _ = await gate.EnterAsync(ct, intake: true);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var at = await CustomerFootprint.FindAsync(db, customerId, ct);
        if (at is null) return new(ErasureStatus.NotFound, [], $"no customer {customerId}");
        // A case still being worked needs its texts (the agent's view, the workflow's variables): finish it first.
        var open = await db.Cases.Where(c => at.Cases.Contains(c.Id) && c.Status != CaseStatus.Measured).Select(c => c.Id).ToListAsync(ct);
        var preparing = clock.GetUtcNow().UtcDateTime - StillPreparing;
        open.AddRange(await db.Signals.Where(x => at.Signals.Contains(x.Id) && x.ReceivedAt > preparing && !db.Cases.Any(c => c.SignalId == x.Id))
            .Select(x => x.Id).ToListAsync(ct));
        if (open.Count > 0)
            return new(ErasureStatus.OpenCases, open, $"{open.Count} of the customer's cases are still open: answer or ignore them, and erase once they are measured (a couple of minutes after)");

        var now = clock.GetUtcNow().UtcDateTime;
        var (records, signals, cases, instances) = (at.Records, at.Signals, at.Cases, at.Instances);
        // Read before the record is blanked: the identifiers the audit trail may hold about them.
        var named = await db.Customers.Where(c => records.Contains(c.Id)).Select(c => new { c.ExternalId, c.Email }).ToListAsync(ct);
        await db.Customers.Where(c => records.Contains(c.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.DisplayName, ErasedName).SetProperty(c => c.ExternalId, (string?)null).SetProperty(c => c.Email, (string?)null)
            .SetProperty(c => c.LifetimeRevenue, 0).SetProperty(c => c.ConsentToContact, false).SetProperty(c => c.ContactConsentAt, (DateTime?)null)
            .SetProperty(c => c.ContactConsentSource, (string?)null).SetProperty(c => c.ConsentToConnect, false).SetProperty(c => c.ConnectConsentAt, (DateTime?)null)
            .SetProperty(c => c.ConnectConsentSource, (string?)null).SetProperty(c => c.BackOfficeUpdatedAt, (DateTime?)null).SetProperty(c => c.ErasedAt, now), ct);
        await db.SocialIdentities.Where(i => records.Contains(i.CustomerId)).ExecuteDeleteAsync(ct);
        await db.Purchases.Where(p => records.Contains(p.CustomerId)).ExecuteDeleteAsync(ct);
        await db.SignalRevisions.Where(r => signals.Contains(r.SignalId)).ExecuteDeleteAsync(ct);
        await db.Signals.Where(x => signals.Contains(x.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Text, Erased).SetProperty(x => x.AuthorHandle, "erased").SetProperty(x => x.AuthorName, (string?)null)
            .SetProperty(x => x.AuthorPlatformId, (string?)null).SetProperty(x => x.Url, (string?)null).SetProperty(x => x.InReplyToPostId, (string?)null)
            .SetProperty(x => x.ReasonsJson, (string?)null).SetProperty(x => x.PlatformPostId, x => "erased-" + x.Id.ToString()), ct);
        await db.CaseBriefs.Where(b => cases.Contains(b.CaseId)).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.Summary, Erased).SetProperty(b => b.DraftReply, Erased).SetProperty(b => b.HistoryJson, "{}").SetProperty(b => b.ReasonsJson, "[]"), ct);
        await db.AgentActions.Where(a => cases.Contains(a.CaseId) && a.Text != null).ExecuteUpdateAsync(s => s.SetProperty(a => a.Text, Erased), ct);
        // What the team wrote about them, and the mentions that quoted it.
        await db.CaseEvents.Where(e => cases.Contains(e.CaseId) && e.Text != null).ExecuteUpdateAsync(s => s.SetProperty(e => e.Text, Erased), ct);
        await db.Notifications.Where(n => n.CaseId != null && cases.Contains(n.CaseId.Value)).ExecuteUpdateAsync(s => s.SetProperty(n => n.Text, Erased), ct);
        await db.AgentActions.Where(a => cases.Contains(a.CaseId) && a.IgnoreReason != null).ExecuteUpdateAsync(s => s.SetProperty(a => a.IgnoreReason, Erased), ct);
        await db.OutgoingMessages.Where(m => cases.Contains(m.CaseId)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Text, Erased).SetProperty(m => m.Recipient, "erased").SetProperty(m => m.RecipientId, (string?)null)
            .SetProperty(m => m.ReplyToPostId, (string?)null), ct);
        await db.Interactions.Where(i => records.Contains(i.CustomerId)).ExecuteUpdateAsync(s => s.SetProperty(i => i.Detail, Erased), ct);
        await db.WorkflowInstances.Where(i => instances.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.VariablesJson, "{}").SetProperty(i => i.Fault, (string?)null), ct);
        await db.WorkflowJournal.Where(j => instances.Contains(j.InstanceId)).ExecuteUpdateAsync(s => s.SetProperty(j => j.EntriesJson, "[]"), ct);
        await db.WorkflowBookmarks.Where(b => instances.Contains(b.InstanceId)).ExecuteDeleteAsync(ct);
        // A claim to be, or made by, the erased customer can no longer be decided: it is closed with the erasure.
        await db.IdentityClaims.Where(c => records.Contains(c.CustomerId) || records.Contains(c.ClaimedCustomerId)).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Why, Erased)
            .SetProperty(c => c.DecidedBy, c => c.State == IdentityClaimStates.Pending ? "erasure" : c.DecidedBy)
            .SetProperty(c => c.DecidedAt, c => c.State == IdentityClaimStates.Pending ? now : c.DecidedAt)
            .SetProperty(c => c.State, c => c.State == IdentityClaimStates.Pending ? IdentityClaimStates.Rejected : c.State), ct);
        await ScrubAuditTrailAsync(records, cases, named.Select(n => n.ExternalId).Concat(named.Select(n => n.Email)).OfType<string>().ToList(), ct);
        audit.Add(actor, AuditActions.CustomerErased, customerId.ToString(),
            $"{signals.Count} post(s), {cases.Count} case(s), {records.Count - 1} merged record(s){(string.IsNullOrWhiteSpace(reason) ? "" : $"; reason: {reason.Trim()}")}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await ForgetOnDiskAsync(ct);
        return new(ErasureStatus.Erased, [], null);
    }

    /// <summary>
    /// The audit trail stays append-only (no entry is added or removed, who did what and when is kept), but what its
    /// entries say about the erased customer goes: the back-office id or e-mail as a target or in the text, and the
    /// free text of entries about them or their cases (an ignore reason, a claim) becomes the marker.
    /// </summary>
    private async Task ScrubAuditTrailAsync(IReadOnlyList<Guid> records, IReadOnlyList<Guid> cases, List<string> identifiers, CancellationToken ct)
    {
        var ids = records.Select(r => r.ToString()).Concat(cases.Select(c => c.ToString())).ToList();
        var targets = identifiers.Concat(identifiers.Select(i => "customer " + i)).Concat(ids).ToList();
        await db.AuditEntries.Where(e => e.Action != AuditActions.CustomerErased && targets.Contains(e.Target))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Target, e => ids.Contains(e.Target) ? e.Target : ErasedName).SetProperty(e => e.Detail, e => e.Detail == null ? null : Erased), ct);
        // Text naming them: their back-office id or e-mail as a whole word (erasing C-1 leaves C-10 alone). A case id
        // in another entry's text is anonymous once the case is.
        foreach (var identifier in identifiers.Where(i => i.Length >= 2))
        {
            var word = new System.Text.RegularExpressions.Regex($@"(?<![\w.@-]){System.Text.RegularExpressions.Regex.Escape(identifier)}(?![\w@-]|\.\w)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            var candidates = await db.AuditEntries.Where(e => e.Action != AuditActions.CustomerErased && e.Detail != null && e.Detail.Contains(identifier))
                .Select(e => new { e.Id, e.Detail }).ToListAsync(ct);
            var naming = candidates.Where(e => word.IsMatch(e.Detail!)).Select(e => e.Id).ToList();
            if (naming.Count > 0) await db.AuditEntries.Where(e => naming.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, Erased), ct);
        }
    }

    /// <summary>
    /// SQLite keeps deleted and overwritten rows in free pages and in its write-ahead log until they are reused:
    /// the store runs with secure_delete (freed pages are zeroed), and after an erasure the log is checkpointed into
    /// the file and truncated, so the erased text is not left on disk. PostgreSQL: see the README (VACUUM).
    /// </summary>
    private async Task ForgetOnDiskAsync(CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        // A reader in the middle of a transaction keeps the checkpoint from finishing (it answers busy, not an error): try again shortly.
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            for (var attempt = 1; attempt <= 20; attempt++)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await using var result = await command.ExecuteReaderAsync(ct);
                if (await result.ReadAsync(ct) && result.GetInt32(0) == 0) return;
                await Task.Delay(100 * attempt, ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
