-- A store made by the release of 2026-11-24: the DDL its hand-written migrations ran on sqlite, printed by its IMigrator.
-- Frozen: MigrationTests builds such a store from it and upgrades it with the generated migrations.
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "Customers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Customers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "LifetimeRevenue" REAL NOT NULL,
    "ConsentToConnect" INTEGER NOT NULL,
    "FirstSeenAt" TEXT NOT NULL,
    "ErasedAt" TEXT NULL
);

CREATE TABLE "SocialIdentities" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SocialIdentities" PRIMARY KEY,
    "CustomerId" TEXT NOT NULL,
    "Platform" TEXT NOT NULL,
    "Handle" TEXT NOT NULL,
    "DisplayName" TEXT NULL,
    "Followers" INTEGER NOT NULL,
    CONSTRAINT "FK_SocialIdentities_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_SocialIdentities_Platform_Handle" ON "SocialIdentities" ("Platform", "Handle");

CREATE INDEX "IX_SocialIdentities_CustomerId" ON "SocialIdentities" ("CustomerId");

CREATE TABLE "Signals" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Signals" PRIMARY KEY,
    "Platform" TEXT NOT NULL,
    "PlatformPostId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "AuthorHandle" TEXT NOT NULL,
    "AuthorName" TEXT NULL,
    "AuthorFollowers" INTEGER NOT NULL,
    "Text" TEXT NOT NULL,
    "Language" TEXT NULL,
    "PostedAt" TEXT NOT NULL,
    "Url" TEXT NULL,
    "InReplyToPostId" TEXT NULL,
    "ThreadRootId" TEXT NULL,
    "ReceivedAt" TEXT NOT NULL,
    "CapturedAt" TEXT NULL,
    "CustomerId" TEXT NULL,
    "Sentiment" TEXT NULL,
    "SentimentScore" REAL NULL,
    "Intent" TEXT NULL,
    "ReasonsJson" TEXT NULL,
    CONSTRAINT "FK_Signals_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_Signals_Platform_PlatformPostId" ON "Signals" ("Platform", "PlatformPostId");

CREATE INDEX "IX_Signals_CustomerId" ON "Signals" ("CustomerId");

CREATE TABLE "Cases" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Cases" PRIMARY KEY,
    "SignalId" TEXT NOT NULL,
    "CustomerId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Decision" TEXT NOT NULL,
    "Queue" TEXT NOT NULL,
    "Priority" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "SlaDueAt" TEXT NOT NULL,
    "FirstResponseAt" TEXT NULL,
    "ActedAt" TEXT NULL,
    "MeasuredAt" TEXT NULL,
    "ReplyKind" TEXT NULL,
    "AssignedAgent" TEXT NULL,
    CONSTRAINT "FK_Cases_Signals_SignalId" FOREIGN KEY ("SignalId") REFERENCES "Signals" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Cases_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_Cases_SignalId" ON "Cases" ("SignalId");

CREATE INDEX "IX_Cases_Status_Priority" ON "Cases" ("Status", "Priority");

CREATE INDEX "IX_Cases_CustomerId" ON "Cases" ("CustomerId");

CREATE TABLE "CaseBriefs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CaseBriefs" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "Sentiment" TEXT NOT NULL,
    "SentimentScore" REAL NOT NULL,
    "Intent" TEXT NOT NULL,
    "ValueScore" REAL NOT NULL,
    "ReasonsJson" TEXT NOT NULL,
    "HistoryJson" TEXT NOT NULL,
    "RecommendedReplyKind" TEXT NOT NULL,
    "TemplateKey" TEXT NULL,
    "DraftReply" TEXT NOT NULL,
    "Models" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_CaseBriefs_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_CaseBriefs_CaseId" ON "CaseBriefs" ("CaseId");

CREATE TABLE "AgentActions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AgentActions" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "Agent" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "ReplyKind" TEXT NULL,
    "Text" TEXT NULL,
    "RequestConnection" INTEGER NOT NULL,
    "RecordedAt" TEXT NOT NULL,
    CONSTRAINT "FK_AgentActions_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AgentActions_CaseId" ON "AgentActions" ("CaseId");

CREATE TABLE "OutgoingMessages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OutgoingMessages" PRIMARY KEY,
    "CaseId" TEXT NOT NULL,
    "CustomerId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Platform" TEXT NOT NULL,
    "Recipient" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "ReplyKind" TEXT NULL,
    "PlatformMessageId" TEXT NOT NULL,
    "Sender" TEXT NOT NULL,
    "SentAt" TEXT NOT NULL,
    "Answer" TEXT NULL,
    "AnsweredAt" TEXT NULL,
    CONSTRAINT "FK_OutgoingMessages_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_OutgoingMessages_CaseId_Kind" ON "OutgoingMessages" ("CaseId", "Kind");

CREATE INDEX "IX_OutgoingMessages_PlatformMessageId" ON "OutgoingMessages" ("PlatformMessageId");

CREATE TABLE "Interactions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Interactions" PRIMARY KEY,
    "CustomerId" TEXT NOT NULL,
    "CaseId" TEXT NULL,
    "SignalId" TEXT NULL,
    "Stage" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Detail" TEXT NOT NULL,
    "OccurredAt" TEXT NOT NULL,
    CONSTRAINT "FK_Interactions_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Interactions_CustomerId_OccurredAt" ON "Interactions" ("CustomerId", "OccurredAt");

CREATE TABLE "ReplyTemplates" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_ReplyTemplates" PRIMARY KEY,
    "Intent" TEXT NOT NULL,
    "Language" TEXT NOT NULL,
    "Text" TEXT NOT NULL
);

CREATE TABLE "CaseMetrics" (
    "CaseId" TEXT NOT NULL CONSTRAINT "PK_CaseMetrics" PRIMARY KEY,
    "CustomerId" TEXT NOT NULL,
    "Platform" TEXT NOT NULL,
    "Decision" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "ReplyKind" TEXT NULL,
    "FirstResponseSeconds" REAL NULL,
    "HandlingSeconds" REAL NOT NULL,
    "SlaMet" INTEGER NOT NULL,
    "SentimentBefore" REAL NOT NULL,
    "SentimentAfter" REAL NULL,
    "StatusBefore" INTEGER NOT NULL,
    "StatusAfter" INTEGER NOT NULL,
    "ConnectionOutcome" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    "MeasuredAt" TEXT NOT NULL,
    CONSTRAINT "FK_CaseMetrics_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DailyAggregates" (
    "Day" TEXT NOT NULL,
    "ReplyKind" TEXT NOT NULL,
    "Cases" INTEGER NOT NULL,
    "Replied" INTEGER NOT NULL,
    "Ignored" INTEGER NOT NULL,
    "SlaMet" INTEGER NOT NULL,
    "SumFirstResponseSeconds" REAL NOT NULL,
    "SumHandlingSeconds" REAL NOT NULL,
    "WithFollowUp" INTEGER NOT NULL,
    "SumSentimentDelta" REAL NOT NULL,
    "StatusUpgrades" INTEGER NOT NULL,
    "ConnectionsRequested" INTEGER NOT NULL,
    "ConnectionsAccepted" INTEGER NOT NULL,
    CONSTRAINT "PK_DailyAggregates" PRIMARY KEY ("Day", "ReplyKind")
);

CREATE TABLE "WorkflowDefinitions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowDefinitions" PRIMARY KEY,
    "DefinitionId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "IsLatest" INTEGER NOT NULL,
    "IsPublished" INTEGER NOT NULL,
    "Json" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "PublishedAt" TEXT NULL
);

CREATE UNIQUE INDEX "IX_WorkflowDefinitions_DefinitionId_Version" ON "WorkflowDefinitions" ("DefinitionId", "Version");

CREATE INDEX "IX_WorkflowDefinitions_DefinitionId_IsPublished" ON "WorkflowDefinitions" ("DefinitionId", "IsPublished");

CREATE TABLE "WorkflowInstances" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowInstances" PRIMARY KEY,
    "DefinitionId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "CorrelationId" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "CurrentActivityId" TEXT NULL,
    "VariablesJson" TEXT NOT NULL,
    "Fault" TEXT NULL,
    "Runs" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL
);

CREATE INDEX "IX_WorkflowInstances_DefinitionId_CorrelationId" ON "WorkflowInstances" ("DefinitionId", "CorrelationId");

CREATE TABLE "WorkflowBookmarks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowBookmarks" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "CorrelationId" TEXT NOT NULL,
    "ActivityId" TEXT NOT NULL,
    "DueAt" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_WorkflowBookmarks_WorkflowInstances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_WorkflowBookmarks_Name_CorrelationId" ON "WorkflowBookmarks" ("Name", "CorrelationId");

CREATE INDEX "IX_WorkflowBookmarks_DueAt" ON "WorkflowBookmarks" ("DueAt");

CREATE INDEX "IX_WorkflowBookmarks_InstanceId" ON "WorkflowBookmarks" ("InstanceId");

CREATE TABLE "WorkflowJournal" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WorkflowJournal" PRIMARY KEY,
    "InstanceId" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "EntriesJson" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    CONSTRAINT "FK_WorkflowJournal_WorkflowInstances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_WorkflowJournal_InstanceId" ON "WorkflowJournal" ("InstanceId");

CREATE TABLE "OutboxMessages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OutboxMessages" PRIMARY KEY,
    "MessageType" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "SentAt" TEXT NULL
);

CREATE INDEX "IX_OutboxMessages_SentAt_CreatedAt" ON "OutboxMessages" ("SentAt", "CreatedAt");

CREATE TABLE "InboxMessages" (
    "MessageId" TEXT NOT NULL,
    "Consumer" TEXT NOT NULL,
    "ProcessedAt" TEXT NOT NULL,
    CONSTRAINT "PK_InboxMessages" PRIMARY KEY ("MessageId", "Consumer")
);

CREATE TABLE "FailedMessages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_FailedMessages" PRIMARY KEY,
    "MessageId" TEXT NULL,
    "MessageType" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Error" TEXT NOT NULL,
    "FailedAt" TEXT NOT NULL,
    "ReplayedAt" TEXT NULL
);

CREATE INDEX "IX_FailedMessages_FailedAt" ON "FailedMessages" ("FailedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122000000_Initial', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "TrainedModels" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TrainedModels" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "Version" TEXT NOT NULL,
    "ModelJson" TEXT NOT NULL,
    "MetricsJson" TEXT NOT NULL,
    "TrainingData" TEXT NOT NULL,
    "TrainedAt" TEXT NOT NULL,
    "IsActive" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_TrainedModels_Kind_Version" ON "TrainedModels" ("Kind", "Version");

CREATE INDEX "IX_TrainedModels_Kind_IsActive" ON "TrainedModels" ("Kind", "IsActive");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122120000_TrainedModels', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "CaseBriefs" ADD "FeaturesJson" TEXT NULL;

ALTER TABLE "CaseBriefs" ADD "ReplyGain" REAL NULL;

CREATE INDEX "IX_CaseBriefs_CreatedAt" ON "CaseBriefs" ("CreatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123000000_BriefFeatures', '10.0.14');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "CaseMetrics" ADD "PurchaseAmount" REAL NOT NULL DEFAULT 0.0;

ALTER TABLE "DailyAggregates" ADD "Purchases" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "DailyAggregates" ADD "SumPurchaseAmount" REAL NOT NULL DEFAULT 0.0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123120000_RepeatPurchases', '10.0.14');

COMMIT;

