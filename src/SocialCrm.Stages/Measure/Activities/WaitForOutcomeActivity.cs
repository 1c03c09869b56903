using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Stages.Workflows;
using SocialCrm.Workflows.Activities;
using SocialCrm.Workflows.Expressions;

namespace SocialCrm.Stages.Measure.Activities;

/// <summary>
/// Waits for the case's outcome signals — the customer's follow-up to our reply and the answer to a connection
/// request — up to a deadline. It reads the outcomes from the store each time it wakes, so an outcome that
/// arrived before the wait began is not missed; wake-up messages only say "look again".
/// </summary>
public sealed class WaitForOutcomeActivity(CrmDbContext db, TimeProvider clock) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "WaitForOutcome", "Waits for follow-ups and connection answers, or the deadline.", ["Complete", "TimedOut"],
        new InputDescriptor("timeoutSeconds", InputKind.Expression, true, "how long to wait, e.g. settings.outcomeWindowSeconds")) with { Writes = ["outcome.deadline", "outcome.followUpSeen", "outcome.sentimentAfter", "outcome.connection"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var seconds = Values.ToNumber(context.Evaluate("timeoutSeconds"), 0);
        var deadline = clock.GetUtcNow().UtcDateTime.AddSeconds(Math.Max(0, seconds));
        context.Set("outcome.deadline", deadline);
        return await CheckAsync(context, deadline);
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, JsonObject payload) =>
        CheckAsync(context, DateTime.Parse(context.RequireString("outcome.deadline"), CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));

    private async ValueTask<ActivityResult> CheckAsync(ActivityContext context, DateTime deadline)
    {
        var ct = context.CancellationToken;
        var caseId = context.RequireGuid("case.id");
        var sent = await db.OutgoingMessages.AsNoTracking().Where(m => m.CaseId == caseId)
            .Select(m => new { m.Kind, m.PlatformMessageId, m.Answer }).ToListAsync(ct);
        var reply = sent.FirstOrDefault(m => m.Kind == OutgoingKinds.Reply);
        var connection = sent.FirstOrDefault(m => m.Kind == OutgoingKinds.ConnectionRequest);
        var followUp = reply is null ? null : await db.Signals.AsNoTracking()
            .Where(s => s.InReplyToPostId == reply.PlatformMessageId && s.CapturedAt != null)
            .OrderBy(s => s.PostedAt).Select(s => new { s.SentimentScore }).FirstOrDefaultAsync(ct);

        context.Set("outcome.followUpSeen", followUp is not null);
        context.Set("outcome.sentimentAfter", followUp?.SentimentScore);
        context.Set("outcome.connection", connection?.Answer ?? "none");

        var waitingForFollowUp = reply is not null && followUp is null;
        var waitingForAnswer = connection is { Answer: ConnectionAnswers.Pending };
        if (!waitingForFollowUp && !waitingForAnswer) return ActivityResult.Completed("Complete");
        if (clock.GetUtcNow().UtcDateTime >= deadline) return ActivityResult.Completed("TimedOut");
        return ActivityResult.Suspend(new BookmarkRequest(StageWorkflows.CaseOutcomeBookmark, caseId.ToString(), deadline),
            $"waits until {deadline:u} for {(waitingForFollowUp ? "a follow-up" : "")}{(waitingForFollowUp && waitingForAnswer ? " and " : "")}{(waitingForAnswer ? "a connection answer" : "")}");
    }
}
