using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Stages.Shared;
using SocialCrm.Stages.Workflows;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Act.Activities;

/// <summary>
/// Puts the case in the agents' inbox and waits (bookmark AgentAction + case id) for an agent's action; the
/// action's fields land in action.*. Outcome Reply or Ignore.
/// </summary>
public sealed class WaitForAgentActivity(CrmDbContext db) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "WaitForAgent", "Waits for a service agent's action on the case.", ["Reply", "Ignore"]) with { Writes = ["case.tags", "action.agent", "action.kind", "action.replyKind", "action.text", "action.requestConnection"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var caseId = context.RequireGuid("case.id");
        var @case = await db.CaseOf(context);
        @case.Status = CaseStatus.AwaitingAgent;
        return ActivityResult.Suspend(new BookmarkRequest(StageWorkflows.AgentActionBookmark, caseId.ToString()), $"in queue {@case.Queue}");
    }

    public async ValueTask<ActivityResult> ResumeAsync(ActivityContext context, JsonObject payload)
    {
        var actionId = Guid.Parse(payload["actionId"]!.GetValue<string>());
        var action = await db.AgentActions.AsNoTracking().SingleAsync(a => a.Id == actionId, context.CancellationToken);
        // Tagged while it waited (by the agent or a macro): later conditions see the tags as they are now.
        LoadCaseActivity.SetTags(context, await db.Cases.Where(c => c.Id == action.CaseId).Select(c => c.Tags).SingleAsync(context.CancellationToken));
        SetAction(context, action.Agent, action.Action, action.ReplyKind ?? context.Text("brief.replyKind"), action.Text ?? context.Text("brief.draft"), action.RequestConnection);
        return ActivityResult.Completed(action.Action == AgentActions.Ignore ? "Ignore" : "Reply", $"{action.Agent}: {action.Action}");
    }

    internal static void SetAction(ActivityContext context, string agent, string action, string? replyKind, string? text, bool requestConnection)
    {
        context.Set("action.agent", agent);
        context.Set("action.kind", action);
        context.Set("action.replyKind", replyKind);
        context.Set("action.text", text);
        context.Set("action.requestConnection", requestConnection);
    }
}
