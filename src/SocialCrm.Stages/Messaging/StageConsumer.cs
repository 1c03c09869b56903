using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SocialCrm.Stages.Messaging;

/// <summary>What a stage does with one message, inside the group commit's transaction and unit of work.</summary>
public interface IStageHandler<in T> where T : class
{
    Task HandleAsync(T message, CancellationToken ct);
}

/// <summary>
/// The reliability rules of every stage in one place: the handler runs in a transaction with an inbox row keyed by
/// (MessageId, handler) so a redelivery has no second effect, its outgoing messages go through the outbox, and
/// Consume returns only once all of it is committed; a failure throws here, so the bus's retries and the
/// failed-message rules apply to each message alone. The transaction is shared with other messages (GroupCommitter).
/// </summary>
public sealed class StageConsumer<T, THandler>(GroupCommitter committer, ILogger<THandler> log) : IConsumer<T>
    where T : class where THandler : IStageHandler<T>
{
    // The inbox key predates the group commit, when each handler was its own consumer: kept so a redelivery
    // across an upgrade still finds its row.
    private static readonly string InboxName = typeof(THandler).Name;

    public Task Consume(ConsumeContext<T> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(T).Name} arrived without a MessageId");
        var message = context.Message;
        return committer.RunAsync(new InboxKey(messageId, InboxName), async (services, ct) =>
        {
            // Begun where the handler runs (the committer may run it in a batch of others): whatever it logs carries
            // this message's signal and case ids.
            using (log.BeginScope(MessageLogScope<T>.Of(message, messageId)))
                await services.GetRequiredService<THandler>().HandleAsync(message, ct);
        }, context.CancellationToken);
    }
}
