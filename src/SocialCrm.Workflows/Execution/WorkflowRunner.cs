using System.Text.Json.Nodes;
using SocialCrm.Workflows.Activities;
using SocialCrm.Workflows.Expressions;

namespace SocialCrm.Workflows.Execution;

/// <summary>
/// Runs a compiled flowchart from its start, or resumes it at the activity that is waiting, until it completes,
/// suspends on a bookmark or faults. It journals every activity it runs.
/// </summary>
public sealed class WorkflowRunner
{
    /// <summary>Guards against a flowchart that loops forever without waiting.</summary>
    public const int MaxStepsPerRun = 500;

    public Task StartAsync(CompiledWorkflow workflow, WorkflowInstanceState instance, IServiceProvider services, CancellationToken ct) =>
        RunFromAsync(workflow, instance, workflow.Definition.Start, null, services, ct);

    public Task ResumeAsync(CompiledWorkflow workflow, WorkflowInstanceState instance, JsonObject payload, IServiceProvider services, CancellationToken ct)
    {
        if (instance.Status != WorkflowStatus.Suspended || instance.CurrentActivityId is null)
            throw new InvalidOperationException($"instance {instance.InstanceId} is {instance.Status}, not waiting");
        if (workflow.Version != instance.Version || workflow.DefinitionId != instance.DefinitionId)
            throw new InvalidOperationException($"instance {instance.InstanceId} runs {instance.DefinitionId} v{instance.Version}, not v{workflow.Version}");
        instance.Bookmark = null;
        instance.Status = WorkflowStatus.Running;
        return RunFromAsync(workflow, instance, instance.CurrentActivityId, payload, services, ct);
    }

    private static async Task RunFromAsync(CompiledWorkflow workflow, WorkflowInstanceState instance, string? activityId, JsonObject? resumePayload,
        IServiceProvider services, CancellationToken ct)
    {
        var steps = 0;
        while (activityId is not null)
        {
            if (++steps > MaxStepsPerRun)
            {
                Fault(instance, activityId, "?", $"more than {MaxStepsPerRun} steps without waiting: the flowchart loops");
                return;
            }
            var compiled = workflow.Activities[activityId];
            instance.CurrentActivityId = activityId;
            var context = new ActivityContext(workflow, compiled, instance, services, ct);
            var activity = (IActivity)(services.GetService(compiled.ImplementationType)
                ?? throw new InvalidOperationException($"activity type {compiled.ImplementationType.Name} is not registered with the services"));
            ActivityResult result;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                result = resumePayload is null ? await activity.ExecuteAsync(context) : await activity.ResumeAsync(context, resumePayload);
            }
            catch (ExpressionException e)
            {
                Fault(instance, activityId, compiled.Descriptor.Type, $"expression error at character {e.Position + 1}: {e.Message}");
                return;
            }
            resumePayload = null;
            WorkflowMetrics.ActivityDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("activity", compiled.Descriptor.Type));

            if (result.Bookmark is not null)
            {
                instance.Bookmark = result.Bookmark;
                instance.Status = WorkflowStatus.Suspended;
                instance.NewJournalEntries.Add(new(activityId, compiled.Descriptor.Type, "Suspended",
                    result.Detail ?? $"waits for {result.Bookmark.Name} {result.Bookmark.CorrelationId}", DateTime.UtcNow,
                    compiled.Descriptor.Pure || context.Outputs.Count == 0 ? null : context.Outputs));
                return;
            }
            instance.NewJournalEntries.Add(new(activityId, compiled.Descriptor.Type, result.Outcome, result.Detail, DateTime.UtcNow,
                compiled.Descriptor.Pure || context.Outputs.Count == 0 ? null : context.Outputs));
            activityId = workflow.NextActivity(activityId, result.Outcome!);
        }
        instance.Status = WorkflowStatus.Completed;
        instance.CurrentActivityId = null;
    }

    private static void Fault(WorkflowInstanceState instance, string activityId, string type, string message)
    {
        instance.Status = WorkflowStatus.Faulted;
        instance.Fault = message;
        instance.NewJournalEntries.Add(new(activityId, type, "Faulted", message, DateTime.UtcNow));
    }
}
