using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;

namespace SocialCrm.Channels.Sandbox;

/// <summary>
/// The default sender: nothing leaves the machine. Every reply and connection request is recorded in the store
/// and listed on the sandbox page and API, so a user sees exactly what would have been sent.
/// </summary>
public sealed class SandboxChannelSender(CrmDbContext db, TimeProvider clock) : IChannelSender
{
    public string Name => "sandbox";

    public Task<OutgoingMessage> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        message.Sender = Name;
        message.SentAt = clock.GetUtcNow().UtcDateTime;
        message.PlatformMessageId = $"sandbox-{message.Id:N}";
        db.OutgoingMessages.Add(message);
        return Task.FromResult(message);
    }
}
