using MassTransit;
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
    public static void AddSocialCrmStages(this IBusRegistrationConfigurator bus, SocialCrmOptions options)
    {
        if (options.Runs(StageWorkflows.Listen))
            bus.AddConsumer<SignalAcceptedConsumer>().Endpoint(e => Queue(e, options.Bus, StageWorkflows.Listen));
        if (options.Runs(StageWorkflows.Analyse))
            bus.AddConsumer<SignalCapturedConsumer>().Endpoint(e => Queue(e, options.Bus, StageWorkflows.Analyse));
        if (options.Runs(StageWorkflows.Act))
        {
            bus.AddConsumer<CaseBriefPreparedConsumer>().Endpoint(e => Queue(e, options.Bus, StageWorkflows.Act));
            bus.AddConsumer<AgentActionRecordedConsumer>().Endpoint(e => Queue(e, options.Bus, StageWorkflows.Act));
        }
        if (options.Runs(StageWorkflows.Measure))
        {
            bus.AddConsumer<CaseActedConsumer>().Endpoint(e => Queue(e, options.Bus, StageWorkflows.Measure));
            bus.AddConsumer<OutcomeSignalObservedConsumer>().Endpoint(e => Queue(e, options.Bus, StageWorkflows.Measure));
            bus.AddConsumer<ConnectionRequestAnsweredConsumer>().Endpoint(e => Queue(e, options.Bus, StageWorkflows.Measure));
            bus.AddConsumer<OutcomeWindowClosedConsumer>().Endpoint(e => Queue(e, options.Bus, StageWorkflows.Measure));
        }
        foreach (var type in MessageTypes.All)
            bus.AddConsumer(typeof(FaultRecorder<>).MakeGenericType(type)).Endpoint(e => Queue(e, options.Bus, "failed-messages"));
    }

    private static void Queue(IEndpointRegistrationConfigurator endpoint, BusOptions options, string name)
    {
        endpoint.Name = options.QueuePrefix + name;
        endpoint.Temporary = options.TemporaryQueues;
    }

    /// <summary>In-memory by default, RabbitMQ when configured; retries on every endpoint, then the message faults.</summary>
    public static void UseSocialCrmTransport(this IBusRegistrationConfigurator bus, BusOptions options)
    {
        bus.DisableUsageTelemetry();
        bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
        {
            endpoint.UseMessageRetry(r => r.Intervals(options.RetryIntervalsMs));
            endpoint.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
        });
        switch (options.Transport.ToLowerInvariant())
        {
            case BusOptions.RabbitMq:
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(new Uri(options.RabbitMqUri));
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
}
