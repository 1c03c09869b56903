using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace SocialCrm.Persistence.Migrations;

/// <summary>
/// The first schema, written by hand (the EF design-time package is not available here). Column types follow
/// from the CLR types, so the same migration serves SQLite and PostgreSQL. A test checks that it creates exactly
/// the schema the model describes.
/// </summary>
[DbContext(typeof(CrmDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable("Customers", t => new
        {
            Id = t.Column<Guid>(),
            DisplayName = t.Column<string>(),
            Status = t.Column<int>(),
            LifetimeRevenue = t.Column<double>(),
            ConsentToConnect = t.Column<bool>(),
            FirstSeenAt = t.Column<DateTime>(),
            ErasedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_Customers", x => x.Id));

        m.CreateTable("SocialIdentities", t => new
        {
            Id = t.Column<Guid>(),
            CustomerId = t.Column<Guid>(),
            Platform = t.Column<string>(),
            Handle = t.Column<string>(),
            DisplayName = t.Column<string>(nullable: true),
            Followers = t.Column<int>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SocialIdentities", x => x.Id);
            t.ForeignKey("FK_SocialIdentities_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_SocialIdentities_Platform_Handle", "SocialIdentities", ["Platform", "Handle"], unique: true);
        m.CreateIndex("IX_SocialIdentities_CustomerId", "SocialIdentities", "CustomerId");

        m.CreateTable("Signals", t => new
        {
            Id = t.Column<Guid>(),
            Platform = t.Column<string>(),
            PlatformPostId = t.Column<string>(),
            Kind = t.Column<string>(),
            AuthorHandle = t.Column<string>(),
            AuthorName = t.Column<string>(nullable: true),
            AuthorFollowers = t.Column<int>(),
            Text = t.Column<string>(),
            Language = t.Column<string>(nullable: true),
            PostedAt = t.Column<DateTime>(),
            Url = t.Column<string>(nullable: true),
            InReplyToPostId = t.Column<string>(nullable: true),
            ThreadRootId = t.Column<Guid>(nullable: true),
            ReceivedAt = t.Column<DateTime>(),
            CapturedAt = t.Column<DateTime>(nullable: true),
            CustomerId = t.Column<Guid>(nullable: true),
            Sentiment = t.Column<string>(nullable: true),
            SentimentScore = t.Column<double>(nullable: true),
            Intent = t.Column<string>(nullable: true),
            ReasonsJson = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Signals", x => x.Id);
            t.ForeignKey("FK_Signals_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Signals_Platform_PlatformPostId", "Signals", ["Platform", "PlatformPostId"], unique: true);
        m.CreateIndex("IX_Signals_CustomerId", "Signals", "CustomerId");

        m.CreateTable("Cases", t => new
        {
            Id = t.Column<Guid>(),
            SignalId = t.Column<Guid>(),
            CustomerId = t.Column<Guid>(),
            Status = t.Column<string>(),
            Decision = t.Column<string>(),
            Queue = t.Column<string>(),
            Priority = t.Column<int>(),
            CreatedAt = t.Column<DateTime>(),
            SlaDueAt = t.Column<DateTime>(),
            FirstResponseAt = t.Column<DateTime>(nullable: true),
            ActedAt = t.Column<DateTime>(nullable: true),
            MeasuredAt = t.Column<DateTime>(nullable: true),
            ReplyKind = t.Column<string>(nullable: true),
            AssignedAgent = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Cases", x => x.Id);
            t.ForeignKey("FK_Cases_Signals_SignalId", x => x.SignalId, "Signals", "Id", onDelete: ReferentialAction.Restrict);
            t.ForeignKey("FK_Cases_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Restrict);
        });
        m.CreateIndex("IX_Cases_SignalId", "Cases", "SignalId", unique: true);
        m.CreateIndex("IX_Cases_Status_Priority", "Cases", ["Status", "Priority"]);
        m.CreateIndex("IX_Cases_CustomerId", "Cases", "CustomerId");

        m.CreateTable("CaseBriefs", t => new
        {
            Id = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            Summary = t.Column<string>(),
            Sentiment = t.Column<string>(),
            SentimentScore = t.Column<double>(),
            Intent = t.Column<string>(),
            ValueScore = t.Column<double>(),
            ReasonsJson = t.Column<string>(),
            HistoryJson = t.Column<string>(),
            RecommendedReplyKind = t.Column<string>(),
            TemplateKey = t.Column<string>(nullable: true),
            DraftReply = t.Column<string>(),
            Models = t.Column<string>(),
            CreatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseBriefs", x => x.Id);
            t.ForeignKey("FK_CaseBriefs_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_CaseBriefs_CaseId", "CaseBriefs", "CaseId", unique: true);

        m.CreateTable("AgentActions", t => new
        {
            Id = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            Agent = t.Column<string>(),
            Action = t.Column<string>(),
            ReplyKind = t.Column<string>(nullable: true),
            Text = t.Column<string>(nullable: true),
            RequestConnection = t.Column<bool>(),
            RecordedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AgentActions", x => x.Id);
            t.ForeignKey("FK_AgentActions_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_AgentActions_CaseId", "AgentActions", "CaseId");

        m.CreateTable("OutgoingMessages", t => new
        {
            Id = t.Column<Guid>(),
            CaseId = t.Column<Guid>(),
            CustomerId = t.Column<Guid>(),
            Kind = t.Column<string>(),
            Platform = t.Column<string>(),
            Recipient = t.Column<string>(),
            Text = t.Column<string>(),
            ReplyKind = t.Column<string>(nullable: true),
            PlatformMessageId = t.Column<string>(),
            Sender = t.Column<string>(),
            SentAt = t.Column<DateTime>(),
            Answer = t.Column<string>(nullable: true),
            AnsweredAt = t.Column<DateTime>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_OutgoingMessages", x => x.Id);
            t.ForeignKey("FK_OutgoingMessages_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_OutgoingMessages_CaseId_Kind", "OutgoingMessages", ["CaseId", "Kind"], unique: true);
        m.CreateIndex("IX_OutgoingMessages_PlatformMessageId", "OutgoingMessages", "PlatformMessageId");

        m.CreateTable("Interactions", t => new
        {
            Id = t.Column<Guid>(),
            CustomerId = t.Column<Guid>(),
            CaseId = t.Column<Guid>(nullable: true),
            SignalId = t.Column<Guid>(nullable: true),
            Stage = t.Column<string>(),
            Kind = t.Column<string>(),
            Detail = t.Column<string>(),
            OccurredAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Interactions", x => x.Id);
            t.ForeignKey("FK_Interactions_Customers_CustomerId", x => x.CustomerId, "Customers", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_Interactions_CustomerId_OccurredAt", "Interactions", ["CustomerId", "OccurredAt"]);

        m.CreateTable("ReplyTemplates", t => new
        {
            Key = t.Column<string>(),
            Intent = t.Column<string>(),
            Language = t.Column<string>(),
            Text = t.Column<string>(),
        }, constraints: t => t.PrimaryKey("PK_ReplyTemplates", x => x.Key));

        m.CreateTable("CaseMetrics", t => new
        {
            CaseId = t.Column<Guid>(),
            CustomerId = t.Column<Guid>(),
            Platform = t.Column<string>(),
            Decision = t.Column<string>(),
            Action = t.Column<string>(),
            ReplyKind = t.Column<string>(nullable: true),
            FirstResponseSeconds = t.Column<double>(nullable: true),
            HandlingSeconds = t.Column<double>(),
            SlaMet = t.Column<bool>(),
            SentimentBefore = t.Column<double>(),
            SentimentAfter = t.Column<double>(nullable: true),
            StatusBefore = t.Column<int>(),
            StatusAfter = t.Column<int>(),
            ConnectionOutcome = t.Column<string>(),
            Outcome = t.Column<string>(),
            MeasuredAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_CaseMetrics", x => x.CaseId);
            t.ForeignKey("FK_CaseMetrics_Cases_CaseId", x => x.CaseId, "Cases", "Id", onDelete: ReferentialAction.Cascade);
        });

        m.CreateTable("DailyAggregates", t => new
        {
            Day = t.Column<DateOnly>(),
            ReplyKind = t.Column<string>(),
            Cases = t.Column<int>(),
            Replied = t.Column<int>(),
            Ignored = t.Column<int>(),
            SlaMet = t.Column<int>(),
            SumFirstResponseSeconds = t.Column<double>(),
            SumHandlingSeconds = t.Column<double>(),
            WithFollowUp = t.Column<int>(),
            SumSentimentDelta = t.Column<double>(),
            StatusUpgrades = t.Column<int>(),
            ConnectionsRequested = t.Column<int>(),
            ConnectionsAccepted = t.Column<int>(),
        }, constraints: t => t.PrimaryKey("PK_DailyAggregates", x => new { x.Day, x.ReplyKind }));

        m.CreateTable("WorkflowDefinitions", t => new
        {
            Id = t.Column<Guid>(),
            DefinitionId = t.Column<string>(),
            Version = t.Column<int>(),
            Name = t.Column<string>(),
            IsLatest = t.Column<bool>(),
            IsPublished = t.Column<bool>(),
            Json = t.Column<string>(),
            Source = t.Column<string>(),
            CreatedAt = t.Column<DateTime>(),
            PublishedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_WorkflowDefinitions", x => x.Id));
        m.CreateIndex("IX_WorkflowDefinitions_DefinitionId_Version", "WorkflowDefinitions", ["DefinitionId", "Version"], unique: true);
        m.CreateIndex("IX_WorkflowDefinitions_DefinitionId_IsPublished", "WorkflowDefinitions", ["DefinitionId", "IsPublished"]);

        m.CreateTable("WorkflowInstances", t => new
        {
            Id = t.Column<Guid>(),
            DefinitionId = t.Column<string>(),
            Version = t.Column<int>(),
            CorrelationId = t.Column<string>(),
            Status = t.Column<string>(),
            CurrentActivityId = t.Column<string>(nullable: true),
            VariablesJson = t.Column<string>(),
            Fault = t.Column<string>(nullable: true),
            Runs = t.Column<int>(),
            CreatedAt = t.Column<DateTime>(),
            UpdatedAt = t.Column<DateTime>(),
        }, constraints: t => t.PrimaryKey("PK_WorkflowInstances", x => x.Id));
        m.CreateIndex("IX_WorkflowInstances_DefinitionId_CorrelationId", "WorkflowInstances", ["DefinitionId", "CorrelationId"]);

        m.CreateTable("WorkflowBookmarks", t => new
        {
            Id = t.Column<Guid>(),
            InstanceId = t.Column<Guid>(),
            Name = t.Column<string>(),
            CorrelationId = t.Column<string>(),
            ActivityId = t.Column<string>(),
            DueAt = t.Column<DateTime>(nullable: true),
            CreatedAt = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_WorkflowBookmarks", x => x.Id);
            t.ForeignKey("FK_WorkflowBookmarks_WorkflowInstances_InstanceId", x => x.InstanceId, "WorkflowInstances", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_WorkflowBookmarks_Name_CorrelationId", "WorkflowBookmarks", ["Name", "CorrelationId"], unique: true);
        m.CreateIndex("IX_WorkflowBookmarks_DueAt", "WorkflowBookmarks", "DueAt");
        m.CreateIndex("IX_WorkflowBookmarks_InstanceId", "WorkflowBookmarks", "InstanceId");

        m.CreateTable("WorkflowJournal", t => new
        {
            Id = t.Column<Guid>(),
            InstanceId = t.Column<Guid>(),
            Sequence = t.Column<int>(),
            EntriesJson = t.Column<string>(),
            At = t.Column<DateTime>(),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_WorkflowJournal", x => x.Id);
            t.ForeignKey("FK_WorkflowJournal_WorkflowInstances_InstanceId", x => x.InstanceId, "WorkflowInstances", "Id", onDelete: ReferentialAction.Cascade);
        });
        m.CreateIndex("IX_WorkflowJournal_InstanceId", "WorkflowJournal", "InstanceId");

        m.CreateTable("OutboxMessages", t => new
        {
            Id = t.Column<Guid>(),
            MessageType = t.Column<string>(),
            Body = t.Column<string>(),
            CreatedAt = t.Column<DateTime>(),
            SentAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_OutboxMessages", x => x.Id));
        m.CreateIndex("IX_OutboxMessages_SentAt_CreatedAt", "OutboxMessages", ["SentAt", "CreatedAt"]);

        m.CreateTable("InboxMessages", t => new
        {
            MessageId = t.Column<Guid>(),
            Consumer = t.Column<string>(),
            ProcessedAt = t.Column<DateTime>(),
        }, constraints: t => t.PrimaryKey("PK_InboxMessages", x => new { x.MessageId, x.Consumer }));

        m.CreateTable("FailedMessages", t => new
        {
            Id = t.Column<Guid>(),
            MessageId = t.Column<Guid>(nullable: true),
            MessageType = t.Column<string>(),
            Body = t.Column<string>(),
            Error = t.Column<string>(),
            FailedAt = t.Column<DateTime>(),
            ReplayedAt = t.Column<DateTime>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_FailedMessages", x => x.Id));
        m.CreateIndex("IX_FailedMessages_FailedAt", "FailedMessages", "FailedAt");
    }

    protected override void Down(MigrationBuilder m)
    {
        foreach (var table in new[]
                 {
                     "FailedMessages", "InboxMessages", "OutboxMessages", "WorkflowJournal", "WorkflowBookmarks", "WorkflowInstances",
                     "WorkflowDefinitions", "DailyAggregates", "CaseMetrics", "ReplyTemplates", "Interactions", "OutgoingMessages",
                     "AgentActions", "CaseBriefs", "Cases", "Signals", "SocialIdentities", "Customers",
                 })
            m.DropTable(table);
    }
}
