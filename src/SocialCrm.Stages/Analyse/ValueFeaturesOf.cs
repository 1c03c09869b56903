using SocialCrm.Scoring.Value;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Analyse;

/// <summary>What the value and reply-kind models see, read from the analyse workflow's variables.</summary>
public static class ValueFeaturesOf
{
    public static CustomerValueFeatures Read(ActivityContext context) => new(
        context.Number("customer.revenue"), context.Number("customer.tenureDays"), (int)context.Number("history.recentSignals"),
        (int)context.Number("history.recentComplaints"), (int)context.Number("customer.followers"), (int)context.Number("customer.status"),
        context.Number("sentiment.score"), context.Text("intent.label") ?? "other", context.Text("signal.platform") ?? "");
}
