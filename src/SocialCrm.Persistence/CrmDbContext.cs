using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Customers;
using SocialCrm.Domain.Insights;
using SocialCrm.Domain.Measure;
using SocialCrm.Domain.Signals;
using SocialCrm.Domain.Templates;
using SocialCrm.Domain.Text;
using SocialCrm.Domain.Workplace;
using SocialCrm.Persistence.Messaging;
using SocialCrm.Persistence.Models;
using SocialCrm.Persistence.Settings;
using SocialCrm.Persistence.Workflows;
using SocialCrm.Persistence.Workplace;

namespace SocialCrm.Persistence;

/// <summary>
/// The one store: customer history, cases, workflows, outbox and inbox, and the people who sign in (ASP.NET Core
/// Identity's tables), the audit trail and the keys that protect sign-in cookies and tokens (shared by every process). Each provider has a subclass that owns its
/// generated migration set (Migrations/Sqlite, Postgres, SqlServer), as EF Core's guide to multiple providers does;
/// everything else asks for a CrmDbContext.
/// </summary>
public abstract class CrmDbContext(DbContextOptions options) : IdentityDbContext<CrmUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<SocialIdentity> SocialIdentities => Set<SocialIdentity>();
    public DbSet<IdentityClaim> IdentityClaims => Set<IdentityClaim>();
    public DbSet<Purchase> Purchases => Set<Purchase>();
    public DbSet<Signal> Signals => Set<Signal>();
    public DbSet<SignalRevision> SignalRevisions => Set<SignalRevision>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseBrief> CaseBriefs => Set<CaseBrief>();
    public DbSet<AgentAction> AgentActions => Set<AgentAction>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<Macro> Macros => Set<Macro>();
    public DbSet<AgentProfile> AgentProfiles => Set<AgentProfile>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<OutgoingMessage> OutgoingMessages => Set<OutgoingMessage>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<ReplyTemplate> ReplyTemplates => Set<ReplyTemplate>();
    public DbSet<CaseMetrics> CaseMetrics => Set<CaseMetrics>();
    public DbSet<DailyAggregate> DailyAggregates => Set<DailyAggregate>();
    public DbSet<WorkflowDefinitionRecord> WorkflowDefinitions => Set<WorkflowDefinitionRecord>();
    public DbSet<WorkflowInstanceRecord> WorkflowInstances => Set<WorkflowInstanceRecord>();
    public DbSet<WorkflowBookmarkRecord> WorkflowBookmarks => Set<WorkflowBookmarkRecord>();
    public DbSet<WorkflowJournalRecord> WorkflowJournal => Set<WorkflowJournalRecord>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<FailedMessage> FailedMessages => Set<FailedMessage>();
    public DbSet<ProcessHeartbeat> ProcessHeartbeats => Set<ProcessHeartbeat>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<SignalTopic> SignalTopics => Set<SignalTopic>();
    public DbSet<TopicAlert> TopicAlerts => Set<TopicAlert>();
    public DbSet<AlertWebhook> AlertWebhooks => Set<AlertWebhook>();
    public DbSet<TrainedModelRecord> TrainedModels => Set<TrainedModelRecord>();
    public DbSet<SettingsVersionRecord> SettingsVersions => Set<SettingsVersionRecord>();
    public DbSet<ReplyTemplateVersion> ReplyTemplateVersions => Set<ReplyTemplateVersion>();

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Every time is UTC; SQLite returns Kind=Unspecified, so say so on the way back.
        builder.Properties<DateTime>().HaveConversion<UtcConverter>();
    }

    /// <summary>The audit trail is append-only: an update or delete of an entry is a bug, refused before it reaches the store.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        using var _ = CheckBeforeSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        using var _ = CheckBeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// Changes detected once, the rules checked in one pass over the tracked entries, and no second detection by the
    /// save itself: each look at the entries detected changes again (six passes a save, a fifth of a stage's time
    /// in bench --signals). The value restores automatic detection once the save has run.
    /// </summary>
    private AutoDetection CheckBeforeSave()
    {
        ChangeTracker.DetectChanges();
        var detection = new AutoDetection(ChangeTracker);
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            RefuseRewrite(entry);
            if (entry.State is EntityState.Added or EntityState.Modified) CleanText(entry);
        }
        return detection;
    }

    private readonly struct AutoDetection : IDisposable
    {
        private readonly Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker _tracker;
        private readonly bool _was;

        public AutoDetection(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker)
        {
            (_tracker, _was) = (tracker, tracker.AutoDetectChangesEnabled);
            tracker.AutoDetectChangesEnabled = false;
        }

        public void Dispose() => _tracker.AutoDetectChangesEnabled = _was;
    }

    /// <summary>
    /// The last line of <see cref="TextRules"/>: text that reached a save without passing an entry check (typed into
    /// the console, made by a workflow) is cleaned by the same rule, since PostgreSQL refuses NUL and no provider
    /// stores half a character.
    /// </summary>
    private static void CleanText(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry)
    {
        foreach (var property in entry.Properties)
            if (property.Metadata.ClrType == typeof(string) && (entry.State == EntityState.Added || property.IsModified)
                && property.CurrentValue is string text && TextRules.Problem(text) is not null)
                property.CurrentValue = TextRules.Clean(text);
    }

    /// <summary>
    /// What must never change, refused before it reaches the store whatever the route: audit entries, and a published
    /// workflow version's content (journals name the version that decided a case, so it must stay what decided it).
    /// </summary>
    private static void RefuseRewrite(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry e)
    {
        if (e.State is not (EntityState.Modified or EntityState.Deleted)) return;
        switch (e.Entity)
        {
            case AuditEntry:
                throw new InvalidOperationException("audit entries are append-only: none may be changed or deleted");
            case WorkflowDefinitionRecord definition:
                if (e.OriginalValues[nameof(WorkflowDefinitionRecord.DiscardedAt)] is not null)
                    throw new InvalidOperationException($"version {definition.Version} of workflow '{definition.DefinitionId}' was discarded and is kept as it was; put it into the draft to work on it");
                if (e.OriginalValues[nameof(WorkflowDefinitionRecord.PublishedAt)] is null) return;
                if (e.State == EntityState.Deleted || PublishedContent.Any(p => e.Property(p).IsModified))
                    throw new InvalidOperationException($"version {definition.Version} of workflow '{definition.DefinitionId}' is published and cannot be changed; edit the draft");
                return;
            case SettingsVersionRecord:
                throw new InvalidOperationException("a settings version cannot be changed or deleted; save new settings instead");
            case ReplyTemplateVersion:
                throw new InvalidOperationException("a reply template's version cannot be changed or deleted; edit the template instead");
        }
    }

    private static readonly string[] PublishedContent =
    [
        nameof(WorkflowDefinitionRecord.DefinitionId), nameof(WorkflowDefinitionRecord.Version), nameof(WorkflowDefinitionRecord.Name),
        nameof(WorkflowDefinitionRecord.Json), nameof(WorkflowDefinitionRecord.CreatedBy), nameof(WorkflowDefinitionRecord.PublishedAt),
        nameof(WorkflowDefinitionRecord.PublishedBy), nameof(WorkflowDefinitionRecord.Comment),
    ];

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.Entity<AuditEntry>(e =>
        {
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.Actor, x.At });
            e.Property(x => x.Actor).HasMaxLength(256);
            e.Property(x => x.Action).HasMaxLength(64);
            e.Property(x => x.Target).HasMaxLength(256);
        });
        b.Entity<Customer>(e =>
        {
            e.HasMany(c => c.Identities).WithOne().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Cascade);
            e.Property(c => c.ConnectionRequestedAt).IsConcurrencyToken();
            e.HasIndex(c => c.ExternalId).IsUnique();
            e.HasIndex(c => c.Email);
            e.Property(c => c.ExternalId).HasMaxLength(100);
            e.Property(c => c.Email).HasMaxLength(254);
            e.Property(c => c.ConnectConsentSource).HasMaxLength(200);
            e.Property(c => c.ContactConsentSource).HasMaxLength(200);
        });
        b.Entity<Purchase>(e =>
        {
            e.HasIndex(p => new { p.CustomerId, p.OrderNumber }).IsUnique();
            e.HasIndex(p => p.OrderNumber);
            e.Property(p => p.OrderNumber).HasMaxLength(100);
            e.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<IdentityClaim>(e =>
        {
            e.Property(c => c.Why).HasMaxLength(500);
            e.Property(c => c.State).HasMaxLength(16).IsConcurrencyToken(); // two agents deciding one claim: the second is told
            e.Property(c => c.DecidedBy).HasMaxLength(256);
            e.HasIndex(c => new { c.CustomerId, c.ClaimedCustomerId }).IsUnique(); // one claim per author and named customer, however often they repeat it
        });
        b.Entity<SocialIdentity>(e =>
        {
            e.HasIndex(i => new { i.Platform, i.Handle }).IsUnique();
            e.HasIndex(i => new { i.Platform, i.PlatformUserId }).IsUnique();
            e.Property(i => i.PlatformUserId).HasMaxLength(200);
            e.Property(i => i.LinkedBy).HasMaxLength(500);
        });
        b.Entity<SignalRevision>(e =>
        {
            e.HasIndex(r => r.SignalId);
            e.HasOne<Signal>().WithMany().HasForeignKey(r => r.SignalId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Signal>(e =>
        {
            e.HasIndex(s => new { s.Platform, s.PlatformPostId }).IsUnique();
            e.HasIndex(s => s.CustomerId);
            // The measure stage looks up the customer's answer to a reply once per case (WaitForOutcome).
            e.HasIndex(s => s.InReplyToPostId);
            // Topics are found in, and spikes looked for in, the posts of a time window.
            e.HasIndex(s => s.PostedAt);
            e.Property(s => s.AuthorPlatformId).HasMaxLength(200);
            e.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Case>(e =>
        {
            e.HasIndex(c => c.SignalId).IsUnique();
            e.HasIndex(c => new { c.Status, c.Priority });
            e.HasIndex(c => new { c.Status, c.SlaDueAt });
            e.HasIndex(c => c.CustomerId);
            // An agent's open cases: counted against their capacity on every assignment.
            e.HasIndex(c => new { c.AssignedAgent, c.Status });
            e.Property(c => c.Tags).HasMaxLength(400);
            e.HasOne<Signal>().WithMany().HasForeignKey(c => c.SignalId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<CaseBrief>(e =>
        {
            e.HasIndex(x => x.CaseId).IsUnique();
            e.HasIndex(x => x.CreatedAt);
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AgentAction>(e => e.HasIndex(x => x.CaseId).IsUnique());
        b.Entity<AgentAction>(e => e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade));
        b.Entity<OutgoingMessage>(e =>
        {
            e.HasIndex(x => new { x.CaseId, x.Kind }).IsUnique();
            e.HasIndex(x => x.PlatformMessageId);
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.Property(x => x.Status).HasMaxLength(16).HasDefaultValue(SendStatus.Sent);
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Interaction>(e =>
        {
            e.HasIndex(x => new { x.CustomerId, x.OccurredAt });
            e.HasOne<Customer>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ReplyTemplate>(e =>
        {
            e.HasKey(t => t.Key);
            e.Property(t => t.Kind).HasMaxLength(16).HasDefaultValue(TemplateKinds.Standard);
            e.Property(t => t.Version).HasDefaultValue(1);
            // Two admins saving the same template at once: the second gets a 409 instead of overwriting unseen.
            e.Property(t => t.Version).IsConcurrencyToken();
            // One template in use per intent, language and kind, held by the store: two admins creating one at the
            // same moment cannot both win (the checks before the save see neither's).
            e.Property(t => t.Intent).HasMaxLength(32);
            e.Property(t => t.Language).HasMaxLength(8);
            e.HasIndex(t => new { t.Intent, t.Language, t.Kind }).IsUnique()
                .HasFilter(Database.ProviderName?.Contains("SqlServer") == true ? "[RetiredAt] IS NULL" : "\"RetiredAt\" IS NULL");
        });
        b.Entity<ReplyTemplateVersion>(e =>
        {
            e.HasIndex(v => new { v.Key, v.Version }).IsUnique();
            e.Property(v => v.Key).HasMaxLength(64);
        });
        b.Entity<SettingsVersionRecord>(e =>
        {
            e.HasKey(v => v.Version);
            e.Property(v => v.Version).ValueGeneratedNever();
        });
        b.Entity<CaseMetrics>(e =>
        {
            e.HasKey(m => m.CaseId);
            e.HasOne<Case>().WithOne().HasForeignKey<CaseMetrics>(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<DailyAggregate>(e => e.HasKey(a => new { a.Day, a.ReplyKind }));
        b.Entity<WorkflowDefinitionRecord>(e =>
        {
            e.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
            e.HasIndex(d => new { d.DefinitionId, d.IsPublished });
            e.HasIndex(d => d.DraftOf).IsUnique();
            // A draft saved, discarded or published while another admin publishes it (or another version) must fail,
            // not rewrite a version that has just been published or leave two versions live.
            e.Property(d => d.PublishedAt).IsConcurrencyToken();
            e.Property(d => d.IsPublished).IsConcurrencyToken();
            e.Property(d => d.DiscardedAt).IsConcurrencyToken();
            e.Ignore(d => d.IsDraft);
            e.Ignore(d => d.IsDiscarded);
        });
        b.Entity<WorkflowInstanceRecord>(e => e.HasIndex(i => new { i.DefinitionId, i.CorrelationId }));
        b.Entity<WorkflowBookmarkRecord>(e =>
        {
            e.HasIndex(x => new { x.Name, x.CorrelationId }).IsUnique();
            e.HasIndex(x => x.DueAt);
            e.HasOne<WorkflowInstanceRecord>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<WorkflowJournalRecord>(e =>
        {
            e.HasIndex(x => x.InstanceId);
            e.HasOne<WorkflowInstanceRecord>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<OutboxMessage>(e => e.HasIndex(x => new { x.SentAt, x.CreatedAt }));
        b.Entity<InboxMessage>(e =>
        {
            e.HasKey(x => new { x.MessageId, x.Consumer });
            e.HasIndex(x => x.ProcessedAt); // the operations page's last hour
        });
        b.Entity<CaseEvent>(e =>
        {
            e.HasIndex(x => new { x.CaseId, x.At });
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Actor).HasMaxLength(256);
            e.Property(x => x.Agent).HasMaxLength(256);
            e.Property(x => x.Queue).HasMaxLength(64);
            e.Property(x => x.Text).HasMaxLength(4000);
            e.Property(x => x.Mentions).HasMaxLength(2000);
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Macro>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.HasIndex(x => x.Name).IsUnique();
            e.Property(x => x.TemplateKey).HasMaxLength(200);
            e.Property(x => x.Tags).HasMaxLength(400);
            e.Property(x => x.TransferQueue).HasMaxLength(64);
            e.Property(x => x.TransferAgent).HasMaxLength(256);
            e.Property(x => x.UpdatedBy).HasMaxLength(256);
            e.Property(x => x.UpdatedAt).IsConcurrencyToken();
        });
        b.Entity<AgentProfile>(e =>
        {
            e.HasKey(x => x.UserName);
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.Availability).HasMaxLength(16);
            e.Property(x => x.Queues).HasMaxLength(1000);
            e.Ignore(x => x.QueueList);
        });
        b.Entity<Notification>(e =>
        {
            e.HasIndex(x => new { x.UserName, x.ReadAt, x.CreatedAt });
            e.HasIndex(x => new { x.UserName, x.CreatedAt }); // the bell: a user's newest
            e.HasIndex(x => new { x.CaseId, x.Kind });
            e.Property(x => x.UserName).HasMaxLength(256);
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Text).HasMaxLength(1000);
        });
        b.Entity<ProcessHeartbeat>(e =>
        {
            e.Property(x => x.Id).HasMaxLength(200);
            e.HasIndex(x => x.LastSeenAt);
        });
        b.Entity<Topic>(e =>
        {
            // One topic per cluster of the discovery: two processes recomputing at once fail the second's save, not every later run.
            e.HasIndex(t => t.Cluster).IsUnique()
                .HasFilter(Database.ProviderName?.Contains("SqlServer") == true ? "[Cluster] IS NOT NULL" : "\"Cluster\" IS NOT NULL");
            e.Property(t => t.Key).HasMaxLength(200);
            e.Property(t => t.Label).HasMaxLength(500);
            e.Property(t => t.Name).HasMaxLength(200);
        });
        b.Entity<SignalTopic>(e =>
        {
            e.HasKey(x => x.SignalId);
            e.HasIndex(x => x.TopicId);
            e.HasOne<Signal>().WithOne().HasForeignKey<SignalTopic>(x => x.SignalId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Topic>().WithMany().HasForeignKey(x => x.TopicId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<TopicAlert>(e =>
        {
            e.HasIndex(a => a.RaisedAt);
            e.HasIndex(a => new { a.TopicId, a.Kind, a.RaisedAt });
            e.HasIndex(a => a.NotifiedAt);
            e.Property(a => a.Kind).HasMaxLength(32);
            e.Property(a => a.AcknowledgedBy).HasMaxLength(256);
            e.HasOne<Topic>().WithMany().HasForeignKey(a => a.TopicId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AlertWebhook>(e =>
        {
            e.Property(w => w.Id).ValueGeneratedNever();
            e.Property(w => w.Url).HasMaxLength(2000);
            e.Property(w => w.UpdatedBy).HasMaxLength(256);
        });
        b.Entity<FailedMessage>(e =>
        {
            e.HasIndex(x => x.FailedAt);
            e.HasIndex(x => x.MessageId);
        });
        b.Entity<TrainedModelRecord>(e =>
        {
            e.HasIndex(x => new { x.Kind, x.Version }).IsUnique();
            e.HasIndex(x => new { x.Kind, x.IsActive });
        });
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
