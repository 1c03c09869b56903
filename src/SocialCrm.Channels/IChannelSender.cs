using SocialCrm.Domain.Cases;

namespace SocialCrm.Channels;

/// <summary>
/// Sends replies and connection requests to a platform. The message is added to the current unit of work, so it
/// is recorded exactly once with the stage's transaction (the (CaseId, Kind) key refuses a second one).
/// </summary>
public interface IChannelSender
{
    string Name { get; }
    Task<OutgoingMessage> SendAsync(OutgoingMessage message, CancellationToken ct);
}
