using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Measure;
using SocialCrm.Persistence;
using SocialCrm.Stages.Shared;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Measure.Activities;

/// <summary>
/// The case's metrics: first response and handling time, SLA, sentiment before and after, relationship status
/// change, connection outcome, personalised or standard, and what the customer bought since the reply (the rise in
/// lifetime revenue since the measure workflow loaded the case; a workflow started before that was recorded counts 0).
/// </summary>
public sealed class ComputeCaseMetricsActivity(CrmDbContext db, TimeProvider clock) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "ComputeCaseMetrics", "Computes the case's metrics.", [ActivityResult.Done],
        new InputDescriptor("outcome", InputKind.String, true, "how measuring ended: complete or timed_out")) with { Writes = ["metrics.slaMet"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ct = context.CancellationToken;
        var @case = await db.CaseOf(context);
        var signal = await db.SignalOf(@case, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var revenueNow = (await db.CustomerOf(@case, ct)).LifetimeRevenue;
        var revenueThen = context.Get("customer.revenue") is null ? revenueNow : context.Number("customer.revenue");
        var metrics = new CaseMetrics
        {
            CaseId = @case.Id,
            CustomerId = @case.CustomerId,
            Platform = signal.Platform,
            Decision = @case.Decision,
            Action = @case.Status == CaseStatus.Ignored ? MeasuredActions.Ignored : MeasuredActions.Replied,
            ReplyKind = @case.ReplyKind,
            FirstResponseSeconds = @case.FirstResponseAt is { } first ? Math.Max(0, (first - signal.ReceivedAt).TotalSeconds) : null,
            HandlingSeconds = Math.Max(0, ((@case.ActedAt ?? now) - @case.CreatedAt).TotalSeconds),
            SlaMet = @case.FirstResponseAt is { } f ? f <= @case.SlaDueAt : @case.Status == CaseStatus.Ignored,
            SentimentBefore = signal.SentimentScore ?? 0,
            SentimentAfter = context.Get("outcome.sentimentAfter") is null ? null : context.Number("outcome.sentimentAfter"),
            StatusBefore = (int)context.Number("customer.statusBefore"),
            StatusAfter = (int)context.Number("customer.statusAfter"),
            ConnectionOutcome = context.Text("outcome.connection") ?? "none",
            PurchaseAmount = Math.Round(Math.Max(0, revenueNow - revenueThen), 2),
            Outcome = context.GetString("outcome")!,
            MeasuredAt = now,
        };
        db.CaseMetrics.Add(metrics);
        @case.Status = CaseStatus.Measured;
        @case.MeasuredAt = now;
        context.Set("metrics.slaMet", metrics.SlaMet);
        return ActivityResult.Completed(detail: $"first response {metrics.FirstResponseSeconds:0.0}s, sentiment {metrics.SentimentBefore:0.00} -> {metrics.SentimentAfter:0.00}, connection {metrics.ConnectionOutcome}, bought {metrics.PurchaseAmount:0.##}");
    }
}
