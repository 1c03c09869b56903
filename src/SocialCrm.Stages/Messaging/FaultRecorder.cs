using System.Text.Json;
using MassTransit;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Messaging;

namespace SocialCrm.Stages.Messaging;

/// <summary>Keeps every message that failed after its retries in the store, where an admin can see and replay it.</summary>
public sealed class FaultRecorder<T>(CrmDbContext db, TimeProvider clock) : IConsumer<Fault<T>> where T : class
{
    public async Task Consume(ConsumeContext<Fault<T>> context)
    {
        var fault = context.Message;
        db.FailedMessages.Add(new FailedMessage
        {
            MessageId = fault.FaultedMessageId,
            MessageType = MessageTypes.NameOf(typeof(T)),
            Body = JsonSerializer.Serialize(fault.Message, JsonSerializerOptions.Web),
            Error = string.Join(" | ", fault.Exceptions.Select(e => $"{e.ExceptionType}: {e.Message}")),
            FailedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
