using MassTransit;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Persistence.Messaging;

namespace SocialCrm.Stages.Messaging;

/// <summary>
/// The reliability rules of every stage in one place: one transaction per message, an inbox row keyed by
/// (MessageId, consumer) so a redelivery has no second effect, outgoing messages through the outbox, and a nudge
/// to the relay after commit.
/// </summary>
public abstract class StageConsumer<T>(StageServices stage) : IConsumer<T> where T : class
{
    protected CrmDbContext Db => stage.Db;

    public async Task Consume(ConsumeContext<T> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(T).Name} arrived without a MessageId");
        var consumer = GetType().Name;
        var ct = context.CancellationToken;

        using var gate = await stage.WriteGate.EnterAsync(ct);
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        if (await Db.InboxMessages.AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, ct))
            return;
        Db.InboxMessages.Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = stage.Clock.GetUtcNow().UtcDateTime });
        await HandleAsync(context.Message, ct);
        await Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        stage.Relay.Notify();
    }

    protected abstract Task HandleAsync(T message, CancellationToken ct);
}

/// <summary>What every stage consumer needs; one parameter instead of four in each constructor.</summary>
public sealed class StageServices(CrmDbContext db, OutboxSignal relay, TimeProvider clock, StoreWriteGate writeGate)
{
    public StoreWriteGate WriteGate => writeGate;
    public CrmDbContext Db => db;
    public OutboxSignal Relay => relay;
    public TimeProvider Clock => clock;
}
