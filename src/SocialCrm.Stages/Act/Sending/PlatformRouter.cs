using SocialCrm.Channels;
using SocialCrm.Channels.Outbound;
using SocialCrm.Channels.Sandbox;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Act.Sending;

/// <summary>
/// The sender the act stage uses: a live platform's message is queued with the stage's transaction and sent by
/// the <see cref="OutgoingDispatcher"/> after commit (an HTTP call inside the transaction would send twice when the
/// commit fails and the message is retried); every other platform goes to the sandbox.
/// </summary>
public sealed class PlatformRouter(CrmDbContext db, SandboxChannelSender sandbox, PlatformDirectory platforms, TimeProvider clock) : IChannelSender
{
    public string Name => "router";

    public Task<OutgoingMessage> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        if (platforms.SenderOf(message.Platform) is not { } sender) return sandbox.SendAsync(message, ct);
        message.Sender = sender;
        message.Status = SendStatus.Queued;
        message.SentAt = clock.GetUtcNow().UtcDateTime;
        db.OutgoingMessages.Add(message);
        return Task.FromResult(message);
    }
}
