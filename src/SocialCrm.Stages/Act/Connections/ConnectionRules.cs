using Microsoft.EntityFrameworkCore;
using SocialCrm.Channels;
using SocialCrm.Channels.Outbound;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Act.Connections;

/// <summary>
/// Whether the company may ask this customer to connect on this platform: the customer consented, the channel has
/// connection requests, the platform's daily limit is not reached, and the customer has never been asked (one
/// request per person, whatever its answer). The console offers the request only when this says yes, the action
/// handler refuses it otherwise, and the act stage checks again when sending.
/// </summary>
public sealed class ConnectionRules(CrmDbContext db, PlatformDirectory platforms, TimeProvider clock)
{
    /// <summary>Null when allowed, otherwise the reason in words.</summary>
    public async Task<string?> WhyNotAsync(Guid customerId, string platform, CancellationToken ct)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.ConsentToConnect, c.ConnectionRequestedAt }).SingleOrDefaultAsync(ct);
        if (customer is null) return "the customer is not known";
        if (!customer.ConsentToConnect) return "the customer has not consented to connection requests";
        if (ChannelCapabilities.ConnectionKind(platform) is null) return $"{platform} has no connection requests";
        if (platforms.WhyNoConnectionRequests(platform) is { } noApi) return noApi;
        if (await db.SocialIdentities.AnyAsync(i => i.CustomerId == customerId && i.Platform == platform && i.LinkedByClaim, ct))
            return $"this {platform} account was linked to the customer only by what a direct message said; the back office must name it before the customer's consent covers it";
        var earlier = await db.OutgoingMessages.AsNoTracking().Where(m => m.CustomerId == customerId && m.Kind == OutgoingKinds.ConnectionRequest)
            .OrderBy(m => m.SentAt).Select(m => new { m.SentAt, m.Answer }).FirstOrDefaultAsync(ct);
        if (earlier is not null)
            return $"the customer was asked to connect on {earlier.SentAt:yyyy-MM-dd HH:mm} UTC ({earlier.Answer ?? ConnectionAnswers.Pending}); nobody is asked twice";
        if (customer.ConnectionRequestedAt is { } at) return $"the customer was asked to connect on {at:yyyy-MM-dd HH:mm} UTC; nobody is asked twice";
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var sentToday = await db.OutgoingMessages.CountAsync(m => m.Kind == OutgoingKinds.ConnectionRequest && m.Platform == platform && m.SentAt >= today, ct);
        if (sentToday >= ChannelCapabilities.ConnectionRequestsPerDay(platform)) return $"the daily limit of {platform} connection requests is reached";
        return null;
    }
}
