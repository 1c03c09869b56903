using Microsoft.EntityFrameworkCore;
using SocialCrm.Channels;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Signals;
using SocialCrm.Persistence;
using SocialCrm.Stages.Shared;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Act.Activities;

/// <summary>Sends the reply through the channel's sender and stamps the case's first response.</summary>
public sealed class SendReplyActivity(CrmDbContext db, IChannelSender sender, TimeProvider clock) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "SendReply", "Sends the reply to the customer.", [ActivityResult.Done]) with { Writes = ["reply.sent", "reply.kind"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ct = context.CancellationToken;
        var @case = await db.CaseOf(context);
        var signal = await db.SignalOf(@case, ct);
        var replyKind = context.Text("action.replyKind") ?? "standard";
        var sent = await sender.SendAsync(new OutgoingMessage
        {
            CaseId = @case.Id,
            CustomerId = @case.CustomerId,
            Kind = OutgoingKinds.Reply,
            Platform = signal.Platform,
            Recipient = signal.AuthorHandle,
            RecipientId = signal.AuthorPlatformId,
            // Answer where the customer wrote: under the post or comment, or privately to a direct message.
            ReplyToPostId = signal.PlatformPostId,
            Private = signal.Kind == SignalKinds.DirectMessage,
            Text = context.Text("action.text") ?? "",
            ReplyKind = replyKind,
        }, ct);
        @case.FirstResponseAt ??= clock.GetUtcNow().UtcDateTime;
        @case.ReplyKind = replyKind;
        @case.AssignedAgent = context.Text("action.agent");
        context.Set("reply.sent", true);
        context.Set("reply.kind", replyKind);
        return ActivityResult.Completed(detail: $"{replyKind} reply {(sent.Status == SendStatus.Queued ? "queued for" : "via")} {sent.Sender} to @{sent.Recipient}");
    }
}
