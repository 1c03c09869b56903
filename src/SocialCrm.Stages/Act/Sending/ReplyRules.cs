using Microsoft.EntityFrameworkCore;
using SocialCrm.Channels.Outbound;
using SocialCrm.Domain.Signals;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Act.Sending;

/// <summary>
/// Whether a reply may go now: not under a removed post, and privately only as Meta allows a business to message a person only within 24 hours of that
/// person's last message. The case view warns, the action handler refuses, the dispatcher checks again when sending.
/// </summary>
public sealed class ReplyRules(CrmDbContext db, TimeProvider clock)
{
    /// <summary>Null when the reply may go, otherwise why not in words.</summary>
    public async Task<string?> WhyNotAsync(string platform, bool isPrivate, string? authorPlatformId, string authorHandle, CancellationToken ct)
    {
        if (!isPrivate || !MessagingWindow.Applies(platform)) return null;
        var messages = db.Signals.AsNoTracking().Where(s => s.Platform == platform && s.Kind == SignalKinds.DirectMessage);
        messages = authorPlatformId is not null
            ? messages.Where(s => s.AuthorPlatformId == authorPlatformId)
            : messages.Where(s => s.AuthorHandle == authorHandle);
        var last = await messages.MaxAsync(s => (DateTime?)s.PostedAt, ct);
        return MessagingWindow.WhyClosed(platform, last, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>As above, and a public post its author removed has nothing left to answer under.</summary>
    public Task<string?> WhyNotAsync(Signal signal, CancellationToken ct) =>
        signal.RemovedAt is { } removed && signal.Kind != SignalKinds.DirectMessage
            ? Task.FromResult<string?>($"the post was removed on {removed:yyyy-MM-dd HH:mm} UTC, so there is nothing to answer under; ignore the case or reach the customer another way")
            : WhyNotAsync(signal.Platform, signal.Kind == SignalKinds.DirectMessage, signal.AuthorPlatformId, signal.AuthorHandle, ct);
}
