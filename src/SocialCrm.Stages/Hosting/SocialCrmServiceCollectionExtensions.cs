using SocialCrm.Stages.Insights;
using SocialCrm.Stages.Operations;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Channels;
using SocialCrm.Channels.Sandbox;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Scoring.Intent;
using SocialCrm.Scoring.Language;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Scoring.Value;
using SocialCrm.Stages.Act.Activities;
using SocialCrm.Stages.Act.CaseView;
using SocialCrm.Stages.Act.Claim;
using SocialCrm.Stages.Act.Notes;
using SocialCrm.Stages.Assignment;
using SocialCrm.Stages.Notifications;
using SocialCrm.Stages.Act.Inbox;
using SocialCrm.Stages.Act.Connections;
using SocialCrm.Stages.Act.Drafting;
using SocialCrm.Stages.Act.RecordAction;
using SocialCrm.Stages.Workplace;
using SocialCrm.Stages.Analyse;
using SocialCrm.Stages.Analyse.Activities;
using SocialCrm.Stages.Listen.Activities;
using SocialCrm.Stages.Listen.Ingest;
using SocialCrm.Stages.Listen.Webhooks;
using SocialCrm.Stages.Act.Sending;
using SocialCrm.Stages.Customers;
using SocialCrm.Stages.Customers.Privacy;
using SocialCrm.Stages.Measure.Activities;
using SocialCrm.Stages.Measure.AnswerConnection;
using SocialCrm.Stages.Measure.Outcomes;
using SocialCrm.Stages.Measure.Reports;
using SocialCrm.Stages.Messaging;
using SocialCrm.Stages.Models;
using SocialCrm.Stages.Settings;
using SocialCrm.Stages.Shared;
using SocialCrm.Stages.Templates;
using SocialCrm.Stages.Workflows;
using SocialCrm.Workflows.Activities;
using SocialCrm.Workflows.Activities.Builtin;
using SocialCrm.Workflows.Execution;
using SocialCrm.Workflows.Validation;

namespace SocialCrm.Stages.Hosting;

public static class SocialCrmServiceCollectionExtensions
{
    /// <summary>
    /// The store, scoring baselines, channel sender, workflow engine with the stages' activities, outbox relay and
    /// timers. The bus is the host's: call AddMassTransit once with AddSocialCrmStages and UseSocialCrmTransport.
    /// </summary>
    public static IServiceCollection AddSocialCrm(this IServiceCollection services, SocialCrmOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(options.Bus);
        services.AddSingleton(options.Workflow);
        services.AddSingleton(TimeProvider.System);
        services.AddCrmPersistence(options.Database);

        services.AddSingleton(options.Models);
        services.AddSingleton<ModelRegistry>();
        services.AddScoped<ModelStore>();
        services.AddScoped<ModelOverview>();
        services.AddScoped<OutcomeExamples>();
        services.AddScoped<ModelTraining>();
        // The active trained model of each kind, or its baseline: looked up per run, so a promotion takes effect without a restart.
        services.AddTransient<ISentimentScorer>(sp => sp.GetRequiredService<ModelRegistry>().Sentiment);
        services.AddTransient<IIntentClassifier>(sp => sp.GetRequiredService<ModelRegistry>().Intent);
        services.AddTransient<ICustomerValueScorer>(sp => sp.GetRequiredService<ModelRegistry>().Value);
        services.AddTransient<IReplyKindAdvisor>(sp => sp.GetRequiredService<ModelRegistry>().ReplyKind);
        services.AddSingleton<ILanguageDetector, StopwordLanguageDetector>();
        services.AddSingleton<ReplyThresholds>();
        services.AddCrmSettings();
        services.AddScoped<ReplyTemplateStore>();
        services.AddScoped<TemplatePreviews>();
        services.AddScoped<ReplyBudgetTracker>();
        services.AddScoped<SandboxChannelSender>();
        services.AddScoped<IChannelSender, PlatformRouter>();
        services.AddPlatformClients(options.Channels);

        var registry = StageActivities();
        services.AddSingleton(registry);
        foreach (var type in registry.Types) services.AddScoped(type);
        services.AddSingleton(StageWorkflows.Catalog());
        services.AddSingleton<WorkflowCompiler>();
        services.AddSingleton<WorkflowRunner>();
        services.AddSingleton<PublishedVersions>();
        services.AddScoped<WorkflowHost>();
        services.AddScoped<WorkflowDefinitionStore>();
        services.AddScoped<SocialCrm.Stages.Workflows.Backtest.WorkflowBacktest>();

        services.AddSingleton<OutboxSignal>();
        services.AddScoped<Outbox>();
        services.AddScoped<CommitTail>();
        foreach (var handler in StageBusExtensions.HandlersRunBy(options)) services.AddScoped(handler);
        services.AddSingleton<GroupCommitter>();
        services.AddScoped<FailedMessageReplayer>();
        services.AddValidatorsFromAssemblyContaining<SignalInputValidator>(ServiceLifetime.Singleton);
        services.AddScoped<IngestSignalHandler>();
        services.AddScoped<IngestDeliveryHandler>();
        services.AddScoped<DeliveryWriter>();
        services.AddSingleton<DeliveryCommitter>();
        services.AddSingleton(options.Channels);
        services.AddScoped<RecordAgentActionHandler>();
        services.AddScoped<ClaimCaseHandler>();
        services.AddSingleton(options.Assignment);
        services.AddSingleton<AssignmentSignal>();
        services.AddScoped<AgentProfileStore>();
        services.AddScoped<AutoAssigner>();
        services.AddScoped<TransferCaseHandler>();
        services.AddScoped<AddCaseNoteHandler>();
        services.AddScoped<SocialCrm.Stages.Act.Macros.CaseTagging>();
        services.AddScoped<SocialCrm.Stages.Act.Macros.MacroStore>();
        services.AddScoped<SocialCrm.Stages.Act.Macros.ApplyMacroHandler>();
        services.AddScoped<SocialCrm.Stages.Act.Merge.MergeCasesHandler>();
        services.AddScoped<MergeCustomersHandler>();
        services.AddScoped<NotificationCenter>();
        services.AddScoped<SlaWarnings>();
        services.AddScoped<SocialCrm.Stages.Search.SearchService>();
        services.AddScoped<ConnectionRules>();
        services.AddScoped<ReplyRules>();
        services.AddScoped<CustomerLinks>();
        services.AddScoped<IdentityClaims>();
        services.AddScoped<UpsertCustomerHandler>();
        services.AddScoped<CustomerRecordQuery>();
        services.AddScoped<CustomerExport>();
        services.AddScoped<CustomerErasure>();
        services.AddScoped<CustomerSearch>();
        services.AddScoped<CustomerEvidence>();
        services.AddScoped<ReplyDrafter>();
        services.AddScoped<InboxQuery>();
        services.AddScoped<CaseViewQuery>();
        services.AddCrmIdentity();
        services.AddScoped<AnswerConnectionRequestHandler>();
        services.AddScoped<ReportQueries>();
        services.AddScoped<OperationsQueries>();
        services.AddSingleton<QueueDepths>();
        services.AddScoped<CaseReportQuery>();
        services.AddScoped<SocialCrmInitializer>();
        services.AddSingleton(options.Insights);
        services.AddSingleton<TopicState>();
        services.AddScoped<TopicRecomputation>();
        services.AddScoped<SpikeAlerts>();
        services.AddScoped<InsightsQuery>();
        services.AddScoped<TopicCommands>();
        services.AddScoped<AlertWebhookSender>();
        // A redirect would carry the signed alert somewhere the admin did not choose.
        services.AddHttpClient(AlertWebhookSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        services.AddSingleton<InsightsService>();
        if (options.Insights.Enabled) services.AddHostedService(sp => sp.GetRequiredService<InsightsService>());

        services.AddHostedService<OutboxRelay>();
        services.AddSingleton<ProcessHeartbeats>();
        services.AddHostedService(sp => sp.GetRequiredService<ProcessHeartbeats>());
        services.AddSingleton<MessageRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageRetention>());
        services.AddHostedService<ModelRefreshService>();
        if (options.Models.RetrainEveryHours > 0) services.AddHostedService<ModelRetrainingService>();
        if (options.Runs(StageWorkflows.Measure)) services.AddHostedService<BookmarkTimeoutService>();
        if (options.Runs(StageWorkflows.Act)) services.AddHostedService<OutgoingDispatcher>();
        // Where cases reach the inbox; concurrent assigners in other processes are safe (AutoAssigner).
        if (options.Runs(StageWorkflows.Act) && options.Assignment.Enabled) services.AddHostedService<AutoAssignmentService>();
        return services;
    }

    /// <summary>Every activity type the stage workflows may use, by alias.</summary>
    public static ActivityRegistry StageActivities() => new ActivityRegistry()
        .Add<IfActivity>().Add<SetVariableActivity>()
        .Add<RecordInteractionActivity>().Add<LoadCaseActivity>()
        .Add<LoadSignalActivity>().Add<NormaliseSignalActivity>().Add<DropDuplicateActivity>().Add<ThreadSignalActivity>()
        .Add<DetectLanguageActivity>().Add<ClassifySignalActivity>().Add<ResolveCustomerActivity>().Add<PublishSignalCapturedActivity>()
        .Add<GatherHistoryActivity>().Add<ScoreCustomerValueActivity>().Add<RecommendReplyKindActivity>().Add<PickTemplateActivity>()
        .Add<SetPriorityActivity>().Add<RouteToQueueActivity>().Add<WriteCaseBriefActivity>().Add<PublishCaseBriefPreparedActivity>()
        .Add<WaitForAgentActivity>().Add<UseRecommendedActionActivity>().Add<SendReplyActivity>().Add<MoveOnLadderActivity>()
        .Add<SendConnectionRequestActivity>().Add<CloseCaseActivity>()
        .Add<WaitForOutcomeActivity>().Add<ComputeCaseMetricsActivity>().Add<UpdateDailyAggregatesActivity>().Add<PublishCaseMeasuredActivity>();
}
