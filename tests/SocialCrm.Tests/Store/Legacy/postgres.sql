-- A store made by the release of 2026-11-24: the DDL its hand-written migrations ran on postgres, printed by its IMigrator.
-- Frozen: MigrationTests builds such a store from it and upgrades it with the generated migrations.
CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL,
    CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId")
);

START TRANSACTION;
CREATE TABLE "Customers" (
    "Id" uuid NOT NULL,
    "DisplayName" text NOT NULL,
    "Status" integer NOT NULL,
    "LifetimeRevenue" double precision NOT NULL,
    "ConsentToConnect" boolean NOT NULL,
    "FirstSeenAt" timestamp with time zone NOT NULL,
    "ErasedAt" timestamp with time zone,
    CONSTRAINT "PK_Customers" PRIMARY KEY ("Id")
);

CREATE TABLE "SocialIdentities" (
    "Id" uuid NOT NULL,
    "CustomerId" uuid NOT NULL,
    "Platform" text NOT NULL,
    "Handle" text NOT NULL,
    "DisplayName" text,
    "Followers" integer NOT NULL,
    CONSTRAINT "PK_SocialIdentities" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_SocialIdentities_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_SocialIdentities_Platform_Handle" ON "SocialIdentities" ("Platform", "Handle");

CREATE INDEX "IX_SocialIdentities_CustomerId" ON "SocialIdentities" ("CustomerId");

CREATE TABLE "Signals" (
    "Id" uuid NOT NULL,
    "Platform" text NOT NULL,
    "PlatformPostId" text NOT NULL,
    "Kind" text NOT NULL,
    "AuthorHandle" text NOT NULL,
    "AuthorName" text,
    "AuthorFollowers" integer NOT NULL,
    "Text" text NOT NULL,
    "Language" text,
    "PostedAt" timestamp with time zone NOT NULL,
    "Url" text,
    "InReplyToPostId" text,
    "ThreadRootId" uuid,
    "ReceivedAt" timestamp with time zone NOT NULL,
    "CapturedAt" timestamp with time zone,
    "CustomerId" uuid,
    "Sentiment" text,
    "SentimentScore" double precision,
    "Intent" text,
    "ReasonsJson" text,
    CONSTRAINT "PK_Signals" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Signals_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_Signals_Platform_PlatformPostId" ON "Signals" ("Platform", "PlatformPostId");

CREATE INDEX "IX_Signals_CustomerId" ON "Signals" ("CustomerId");

CREATE TABLE "Cases" (
    "Id" uuid NOT NULL,
    "SignalId" uuid NOT NULL,
    "CustomerId" uuid NOT NULL,
    "Status" text NOT NULL,
    "Decision" text NOT NULL,
    "Queue" text NOT NULL,
    "Priority" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "SlaDueAt" timestamp with time zone NOT NULL,
    "FirstResponseAt" timestamp with time zone,
    "ActedAt" timestamp with time zone,
    "MeasuredAt" timestamp with time zone,
    "ReplyKind" text,
    "AssignedAgent" text,
    CONSTRAINT "PK_Cases" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Cases_Signals_SignalId" FOREIGN KEY ("SignalId") REFERENCES "Signals" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Cases_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_Cases_SignalId" ON "Cases" ("SignalId");

CREATE INDEX "IX_Cases_Status_Priority" ON "Cases" ("Status", "Priority");

CREATE INDEX "IX_Cases_CustomerId" ON "Cases" ("CustomerId");

CREATE TABLE "CaseBriefs" (
    "Id" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "Summary" text NOT NULL,
    "Sentiment" text NOT NULL,
    "SentimentScore" double precision NOT NULL,
    "Intent" text NOT NULL,
    "ValueScore" double precision NOT NULL,
    "ReasonsJson" text NOT NULL,
    "HistoryJson" text NOT NULL,
    "RecommendedReplyKind" text NOT NULL,
    "TemplateKey" text,
    "DraftReply" text NOT NULL,
    "Models" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_CaseBriefs" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CaseBriefs_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_CaseBriefs_CaseId" ON "CaseBriefs" ("CaseId");

CREATE TABLE "AgentActions" (
    "Id" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "Agent" text NOT NULL,
    "Action" text NOT NULL,
    "ReplyKind" text,
    "Text" text,
    "RequestConnection" boolean NOT NULL,
    "RecordedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_AgentActions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_AgentActions_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AgentActions_CaseId" ON "AgentActions" ("CaseId");

CREATE TABLE "OutgoingMessages" (
    "Id" uuid NOT NULL,
    "CaseId" uuid NOT NULL,
    "CustomerId" uuid NOT NULL,
    "Kind" text NOT NULL,
    "Platform" text NOT NULL,
    "Recipient" text NOT NULL,
    "Text" text NOT NULL,
    "ReplyKind" text,
    "PlatformMessageId" text NOT NULL,
    "Sender" text NOT NULL,
    "SentAt" timestamp with time zone NOT NULL,
    "Answer" text,
    "AnsweredAt" timestamp with time zone,
    CONSTRAINT "PK_OutgoingMessages" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_OutgoingMessages_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_OutgoingMessages_CaseId_Kind" ON "OutgoingMessages" ("CaseId", "Kind");

CREATE INDEX "IX_OutgoingMessages_PlatformMessageId" ON "OutgoingMessages" ("PlatformMessageId");

CREATE TABLE "Interactions" (
    "Id" uuid NOT NULL,
    "CustomerId" uuid NOT NULL,
    "CaseId" uuid,
    "SignalId" uuid,
    "Stage" text NOT NULL,
    "Kind" text NOT NULL,
    "Detail" text NOT NULL,
    "OccurredAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Interactions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Interactions_Customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "Customers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Interactions_CustomerId_OccurredAt" ON "Interactions" ("CustomerId", "OccurredAt");

CREATE TABLE "ReplyTemplates" (
    "Key" text NOT NULL,
    "Intent" text NOT NULL,
    "Language" text NOT NULL,
    "Text" text NOT NULL,
    CONSTRAINT "PK_ReplyTemplates" PRIMARY KEY ("Key")
);

CREATE TABLE "CaseMetrics" (
    "CaseId" uuid NOT NULL,
    "CustomerId" uuid NOT NULL,
    "Platform" text NOT NULL,
    "Decision" text NOT NULL,
    "Action" text NOT NULL,
    "ReplyKind" text,
    "FirstResponseSeconds" double precision,
    "HandlingSeconds" double precision NOT NULL,
    "SlaMet" boolean NOT NULL,
    "SentimentBefore" double precision NOT NULL,
    "SentimentAfter" double precision,
    "StatusBefore" integer NOT NULL,
    "StatusAfter" integer NOT NULL,
    "ConnectionOutcome" text NOT NULL,
    "Outcome" text NOT NULL,
    "MeasuredAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_CaseMetrics" PRIMARY KEY ("CaseId"),
    CONSTRAINT "FK_CaseMetrics_Cases_CaseId" FOREIGN KEY ("CaseId") REFERENCES "Cases" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DailyAggregates" (
    "Day" date NOT NULL,
    "ReplyKind" text NOT NULL,
    "Cases" integer NOT NULL,
    "Replied" integer NOT NULL,
    "Ignored" integer NOT NULL,
    "SlaMet" integer NOT NULL,
    "SumFirstResponseSeconds" double precision NOT NULL,
    "SumHandlingSeconds" double precision NOT NULL,
    "WithFollowUp" integer NOT NULL,
    "SumSentimentDelta" double precision NOT NULL,
    "StatusUpgrades" integer NOT NULL,
    "ConnectionsRequested" integer NOT NULL,
    "ConnectionsAccepted" integer NOT NULL,
    CONSTRAINT "PK_DailyAggregates" PRIMARY KEY ("Day", "ReplyKind")
);

CREATE TABLE "WorkflowDefinitions" (
    "Id" uuid NOT NULL,
    "DefinitionId" text NOT NULL,
    "Version" integer NOT NULL,
    "Name" text NOT NULL,
    "IsLatest" boolean NOT NULL,
    "IsPublished" boolean NOT NULL,
    "Json" text NOT NULL,
    "Source" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "PublishedAt" timestamp with time zone,
    CONSTRAINT "PK_WorkflowDefinitions" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_WorkflowDefinitions_DefinitionId_Version" ON "WorkflowDefinitions" ("DefinitionId", "Version");

CREATE INDEX "IX_WorkflowDefinitions_DefinitionId_IsPublished" ON "WorkflowDefinitions" ("DefinitionId", "IsPublished");

CREATE TABLE "WorkflowInstances" (
    "Id" uuid NOT NULL,
    "DefinitionId" text NOT NULL,
    "Version" integer NOT NULL,
    "CorrelationId" text NOT NULL,
    "Status" text NOT NULL,
    "CurrentActivityId" text,
    "VariablesJson" text NOT NULL,
    "Fault" text,
    "Runs" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_WorkflowInstances" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_WorkflowInstances_DefinitionId_CorrelationId" ON "WorkflowInstances" ("DefinitionId", "CorrelationId");

CREATE TABLE "WorkflowBookmarks" (
    "Id" uuid NOT NULL,
    "InstanceId" uuid NOT NULL,
    "Name" text NOT NULL,
    "CorrelationId" text NOT NULL,
    "ActivityId" text NOT NULL,
    "DueAt" timestamp with time zone,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_WorkflowBookmarks" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WorkflowBookmarks_WorkflowInstances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_WorkflowBookmarks_Name_CorrelationId" ON "WorkflowBookmarks" ("Name", "CorrelationId");

CREATE INDEX "IX_WorkflowBookmarks_DueAt" ON "WorkflowBookmarks" ("DueAt");

CREATE INDEX "IX_WorkflowBookmarks_InstanceId" ON "WorkflowBookmarks" ("InstanceId");

CREATE TABLE "WorkflowJournal" (
    "Id" uuid NOT NULL,
    "InstanceId" uuid NOT NULL,
    "Sequence" integer NOT NULL,
    "EntriesJson" text NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_WorkflowJournal" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WorkflowJournal_WorkflowInstances_InstanceId" FOREIGN KEY ("InstanceId") REFERENCES "WorkflowInstances" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_WorkflowJournal_InstanceId" ON "WorkflowJournal" ("InstanceId");

CREATE TABLE "OutboxMessages" (
    "Id" uuid NOT NULL,
    "MessageType" text NOT NULL,
    "Body" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "SentAt" timestamp with time zone,
    CONSTRAINT "PK_OutboxMessages" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_OutboxMessages_SentAt_CreatedAt" ON "OutboxMessages" ("SentAt", "CreatedAt");

CREATE TABLE "InboxMessages" (
    "MessageId" uuid NOT NULL,
    "Consumer" text NOT NULL,
    "ProcessedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_InboxMessages" PRIMARY KEY ("MessageId", "Consumer")
);

CREATE TABLE "FailedMessages" (
    "Id" uuid NOT NULL,
    "MessageId" uuid,
    "MessageType" text NOT NULL,
    "Body" text NOT NULL,
    "Error" text NOT NULL,
    "FailedAt" timestamp with time zone NOT NULL,
    "ReplayedAt" timestamp with time zone,
    CONSTRAINT "PK_FailedMessages" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_FailedMessages_FailedAt" ON "FailedMessages" ("FailedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122000000_Initial', '10.0.14');

COMMIT;

START TRANSACTION;
CREATE TABLE "TrainedModels" (
    "Id" uuid NOT NULL,
    "Kind" text NOT NULL,
    "Version" text NOT NULL,
    "ModelJson" text NOT NULL,
    "MetricsJson" text NOT NULL,
    "TrainingData" text NOT NULL,
    "TrainedAt" timestamp with time zone NOT NULL,
    "IsActive" boolean NOT NULL,
    CONSTRAINT "PK_TrainedModels" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_TrainedModels_Kind_Version" ON "TrainedModels" ("Kind", "Version");

CREATE INDEX "IX_TrainedModels_Kind_IsActive" ON "TrainedModels" ("Kind", "IsActive");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122120000_TrainedModels', '10.0.14');

COMMIT;

START TRANSACTION;
ALTER TABLE "CaseBriefs" ADD "FeaturesJson" text;

ALTER TABLE "CaseBriefs" ADD "ReplyGain" double precision;

CREATE INDEX "IX_CaseBriefs_CreatedAt" ON "CaseBriefs" ("CreatedAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123000000_BriefFeatures', '10.0.14');

COMMIT;

START TRANSACTION;
ALTER TABLE "CaseMetrics" ADD "PurchaseAmount" double precision NOT NULL DEFAULT 0.0;

ALTER TABLE "DailyAggregates" ADD "Purchases" integer NOT NULL DEFAULT 0;

ALTER TABLE "DailyAggregates" ADD "SumPurchaseAmount" double precision NOT NULL DEFAULT 0.0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261123120000_RepeatPurchases', '10.0.14');

COMMIT;

