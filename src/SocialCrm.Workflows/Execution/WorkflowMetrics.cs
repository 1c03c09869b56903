using System.Diagnostics.Metrics;

namespace SocialCrm.Workflows.Execution;

/// <summary>How long each activity takes, by type: where a workflow run spends its time.</summary>
public static class WorkflowMetrics
{
    public const string MeterName = "SocialCrm.Workflows";
    private static readonly Meter Meter = new(MeterName);

    public static readonly Histogram<double> ActivityDuration =
        Meter.CreateHistogram<double>("socialcrm.workflow.activity.duration", "ms", "Time one activity took to run");
}
