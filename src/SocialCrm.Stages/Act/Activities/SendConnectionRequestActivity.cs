using Microsoft.EntityFrameworkCore;
using SocialCrm.Channels;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Stages.Shared;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Act.Activities;

/// <summary>
/// Ends a good exchange with a connection request (follow, invite) — only with the customer's consent, on a
/// channel that supports it, and within the platform's daily limit, whatever the workflow's conditions say.
/// All three are read from the store when sending: consent can change while a case waits for its agent.
/// </summary>
public sealed class SendConnectionRequestActivity(CrmDbContext db, IChannelSender sender, TimeProvider clock) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "SendConnectionRequest", "Sends a connection request where consent and channel allow.", ["Sent", "NotAllowed"]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ct = context.CancellationToken;
        var @case = await db.CaseOf(context);
        var customer = (await db.Customers.FindAsync([@case.CustomerId], ct))!;
        var signal = await db.Signals.AsNoTracking().SingleAsync(s => s.Id == @case.SignalId, ct);
        var kind = ChannelCapabilities.ConnectionKind(signal.Platform);
        if (!customer.ConsentToConnect) return ActivityResult.Completed("NotAllowed", "no consent");
        if (kind is null) return ActivityResult.Completed("NotAllowed", $"{signal.Platform} has no connection requests");
        var today = clock.GetUtcNow().UtcDateTime.Date;
        var sentToday = await db.OutgoingMessages.CountAsync(m => m.Kind == OutgoingKinds.ConnectionRequest && m.Platform == signal.Platform && m.SentAt >= today, ct);
        if (sentToday >= ChannelCapabilities.ConnectionRequestsPerDay(signal.Platform))
            return ActivityResult.Completed("NotAllowed", $"daily limit of {signal.Platform} reached");

        await sender.SendAsync(new OutgoingMessage
        {
            CaseId = @case.Id, CustomerId = customer.Id, Kind = OutgoingKinds.ConnectionRequest, Platform = signal.Platform,
            Recipient = signal.AuthorHandle, Text = kind, Answer = ConnectionAnswers.Pending,
        }, ct);
        context.Set("connection.requested", true);
        return ActivityResult.Completed("Sent", $"{kind} request to @{signal.AuthorHandle}");
    }
}
