using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Stages.Shared;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Listen.Activities;

/// <summary>
/// Links a reply to its thread. A reply to one of our own replies is a follow-up: the case it answers is set as
/// followUp.caseId, an outcome for the measure stage.
/// </summary>
public sealed class ThreadSignalActivity(CrmDbContext db) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "ThreadSignal", "Links the signal to its thread; FollowUp when it answers one of our replies.", ["NewThread", "Reply", "FollowUp"]) with { Writes = ["followUp.caseId"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ct = context.CancellationToken;
        var signal = await db.SignalOf(context);
        signal.ThreadRootId = signal.Id;
        if (signal.InReplyToPostId is null) return ActivityResult.Completed("NewThread");

        var ours = await db.OutgoingMessages.AsNoTracking()
            .Where(m => m.PlatformMessageId == signal.InReplyToPostId && m.Kind == OutgoingKinds.Reply)
            .Select(m => new { m.CaseId }).FirstOrDefaultAsync(ct);
        if (ours is not null)
        {
            signal.ThreadRootId = await db.Cases.Where(c => c.Id == ours.CaseId)
                .Join(db.Signals, c => c.SignalId, s => s.Id, (c, s) => s.ThreadRootId ?? s.Id).SingleAsync(ct);
            context.Set("followUp.caseId", ours.CaseId);
            return ActivityResult.Completed("FollowUp", $"answers our reply on case {ours.CaseId}");
        }

        var parent = await db.Signals.AsNoTracking()
            .Where(s => s.Platform == signal.Platform && s.PlatformPostId == signal.InReplyToPostId)
            .Select(s => new { s.Id, s.ThreadRootId }).FirstOrDefaultAsync(ct);
        if (parent is not null) signal.ThreadRootId = parent.ThreadRootId ?? parent.Id;
        return ActivityResult.Completed("Reply", parent is null ? "parent not seen" : $"thread {signal.ThreadRootId}");
    }
}
