using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Contracts.Act;
using SocialCrm.Contracts.Analyse;
using SocialCrm.Contracts.Listen;
using SocialCrm.Contracts.Measure;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Act;
using SocialCrm.Stages.Analyse;
using SocialCrm.Stages.Listen;
using SocialCrm.Stages.Measure;
using SocialCrm.Stages.Measure.Outcomes;
using SocialCrm.Stages.Messaging;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Stages.Hosting;

/// <summary>Adds the stages to the host's one bus: each stage's consumers on the stage's own queue.</summary>
public static class StageBusExtensions
{
    /// <summary>What every host runs: <see cref="SocialCrmServiceCollectionExtensions.AddSocialCrm"/> and its one bus, carrying the stages of the options on their transport.</summary>
    public static IServiceCollection AddSocialCrmWithStages(this IServiceCollection services, SocialCrmOptions options) =>
        services.AddSocialCrm(options).AddMassTransit(bus =>
        {
            bus.AddSocialCrmStages(options);
            bus.UseSocialCrmTransport(options.Bus);
        });

    /// <summary>Each stage's handlers and the message each handles; a handler is consumed through StageConsumer.</summary>
    private static readonly (string Stage, Type Handler, Type Message)[] Consumers =
    [
        (StageWorkflows.Listen, typeof(SignalAcceptedConsumer), typeof(SignalAccepted)),
        (StageWorkflows.Analyse, typeof(SignalCapturedConsumer), typeof(SignalCaptured)),
        (StageWorkflows.Act, typeof(CaseBriefPreparedConsumer), typeof(CaseBriefPrepared)),
        (StageWorkflows.Act, typeof(AgentActionRecordedConsumer), typeof(AgentActionRecorded)),
        (StageWorkflows.Measure, typeof(CaseActedConsumer), typeof(CaseActed)),
        (StageWorkflows.Measure, typeof(OutcomeSignalObservedConsumer), typeof(OutcomeSignalObserved)),
        (StageWorkflows.Measure, typeof(ConnectionRequestAnsweredConsumer), typeof(ConnectionRequestAnswered)),
        (StageWorkflows.Measure, typeof(OutcomeWindowClosedConsumer), typeof(OutcomeWindowClosed)),
    ];

    public static void AddSocialCrmStages(this IBusRegistrationConfigurator bus, SocialCrmOptions options)
    {
        foreach (var (stage, handler, message) in Consumers.Where(c => options.Runs(c.Stage)))
            bus.AddConsumer(typeof(StageConsumer<,>).MakeGenericType(message, handler)).Endpoint(e =>
            {
                e.Name = options.Bus.QueuePrefix + stage;
                e.Temporary = options.Bus.TemporaryQueues;
            });
    }

    /// <summary>The stage a handler (by its inbox name) or a message type (by its outbox name) belongs to.</summary>
    public static string? StageOf(string handlerOrMessage) =>
        Consumers.FirstOrDefault(c => c.Handler.Name == handlerOrMessage || MessageTypes.NameOf(c.Message) == handlerOrMessage).Stage;

    /// <summary>The handlers of the stages this process runs, for the container.</summary>
    public static IEnumerable<Type> HandlersRunBy(SocialCrmOptions options) => Consumers.Where(c => options.Runs(c.Stage)).Select(c => c.Handler);

    /// <summary>The contract types this process's stages consume, by outbox name (CaseMeasured, for one, has no consumer).</summary>
    public static IReadOnlyList<string> MessagesConsumedBy(SocialCrmOptions options) =>
        Consumers.Where(c => options.Runs(c.Stage)).Select(c => MessageTypes.NameOf(c.Message)).ToList();

    /// <summary>
    /// In-memory by default, RabbitMQ when configured. On every endpoint: a store out of reach is waited out (long
    /// backoff, BusOptions.OutageRetrySeconds); any other failure is retried a few times quickly; what still fails
    /// is kept in the store's FailedMessages, the one place an admin looks, whatever the transport.
    /// </summary>
    public static void UseSocialCrmTransport(this IBusRegistrationConfigurator bus, BusOptions options)
    {
        bus.DisableUsageTelemetry();
        var quorum = options.Transport.Equals(BusOptions.RabbitMq, StringComparison.OrdinalIgnoreCase) && QuorumQueues(options);
        bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
        {
            if (quorum && endpoint is IRabbitMqReceiveEndpointConfigurator rabbit) rabbit.SetQuorumQueue();
            endpoint.ConfigureError(error => error.UseFilter(new FailedMessageFilter(context.GetRequiredService<IServiceScopeFactory>(),
                context.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(), TimeProvider.System, context.GetRequiredService<Microsoft.Extensions.Logging.ILogger<FailedMessageFilter>>())));
            endpoint.UseMessageRetry(r => r.SetRetryPolicy(_ => new OutageAwareRetryPolicy(
                Retry.Intervals(options.RetryIntervalsMs), Retry.Intervals(options.OutageRetryIntervals()))));
            endpoint.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
        });
        switch (options.Transport.ToLowerInvariant())
        {
            case BusOptions.RabbitMq:
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(new Uri(options.RabbitMqUri), host =>
                    {
                        // A publish completes when the broker has taken the message (on a quorum queue: a majority of
                        // its nodes), so the relay marks an outbox row sent only once it cannot be lost.
                        host.PublisherConfirmation = true;
                        var nodes = options.RabbitMqNodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        if (nodes.Length > 0) host.UseCluster(cluster => { foreach (var node in nodes) cluster.Node(node); });
                    });
                    // The prefix separates deployments on one broker only if the exchanges messages are published to
                    // carry it too: with the queues alone, each deployment's queues were bound to the others' events.
                    if (options.QueuePrefix.Length > 0)
                        cfg.MessageTopology.SetEntityNameFormatter(new PrefixEntityNameFormatter(cfg.MessageTopology.EntityNameFormatter, options.QueuePrefix));
                    cfg.ConfigureEndpoints(context);
                });
                break;
            case BusOptions.InMemory:
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
                break;
            default:
                throw new InvalidOperationException($"unknown bus transport '{options.Transport}': use inmemory or rabbitmq");
        }
    }

    private static bool QuorumQueues(BusOptions options) => options.QueueType.ToLowerInvariant() switch
    {
        BusOptions.Classic => false,
        BusOptions.Quorum when options.TemporaryQueues => throw new InvalidOperationException(
            "SocialCrm:Bus:QueueType is quorum, but SocialCrm:Bus:TemporaryQueues is true: a quorum queue is durable and replicated, never temporary; use one or the other"),
        BusOptions.Quorum => true,
        _ => throw new InvalidOperationException($"unknown SocialCrm:Bus:QueueType '{options.QueueType}': use classic (one broker) or quorum (a cluster)"),
    };
}
