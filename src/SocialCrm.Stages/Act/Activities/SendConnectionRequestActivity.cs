using Microsoft.EntityFrameworkCore;
using SocialCrm.Channels;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Stages.Act.Connections;
using SocialCrm.Stages.Shared;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Act.Activities;

/// <summary>
/// Ends a good exchange with a connection request (follow, invite) — only where <see cref="ConnectionRules"/> allow
/// (consent, channel, daily limit, never asked before), whatever the workflow's conditions say. They are read from the
/// store when sending: consent can change while a case waits for its agent.
/// </summary>
public sealed class SendConnectionRequestActivity(CrmDbContext db, IChannelSender sender, ConnectionRules rules, TimeProvider clock) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "SendConnectionRequest", "Sends a connection request where consent and channel allow.", ["Sent", "NotAllowed"]) with { Writes = ["connection.requested"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ct = context.CancellationToken;
        var @case = await db.CaseOf(context);
        var customer = await db.CustomerOf(@case, ct);
        var signal = await db.SignalOf(@case, ct);
        if (await rules.WhyNotAsync(customer.Id, signal.Platform, ct) is { } why) return ActivityResult.Completed("NotAllowed", why);
        var kind = ChannelCapabilities.ConnectionKind(signal.Platform)!;
        // A concurrency token: if another case asked this customer meanwhile, this commit fails and the retry finds it asked.
        customer.ConnectionRequestedAt = clock.GetUtcNow().UtcDateTime;

        await sender.SendAsync(new OutgoingMessage
        {
            CaseId = @case.Id, CustomerId = customer.Id, Kind = OutgoingKinds.ConnectionRequest, Platform = signal.Platform,
            Recipient = signal.AuthorHandle, RecipientId = signal.AuthorPlatformId, Text = kind, Answer = ConnectionAnswers.Pending,
        }, ct);
        context.Set("connection.requested", true);
        return ActivityResult.Completed("Sent", $"{kind} request to @{signal.AuthorHandle}");
    }
}
