using System.Text.Json;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Messaging;

namespace SocialCrm.Stages.Messaging;

/// <summary>Adds a message to the current unit of work; it is published only after the transaction commits.</summary>
public sealed class Outbox(CrmDbContext db, TimeProvider clock)
{
    public void Add<T>(T message) where T : class =>
        db.OutboxMessages.Add(new OutboxMessage
        {
            MessageType = MessageTypes.NameOf(typeof(T)),
            Body = JsonSerializer.Serialize(message, JsonSerializerOptions.Web),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            TraceParent = System.Diagnostics.Activity.Current?.Id,
        });
}
