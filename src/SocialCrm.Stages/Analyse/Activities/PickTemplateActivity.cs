using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Stages.Act.Drafting;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Analyse.Activities;

/// <summary>
/// Picks the standard template for the intent and language and drafts the reply (reply.template, reply.draft).
/// A personalised draft greets the customer by name and acknowledges their history, for the agent to finish.
/// </summary>
public sealed class PickTemplateActivity(CrmDbContext db) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "PickTemplate", "Picks a reply template and drafts the reply.", [ActivityResult.Done]) with { Writes = ["reply.template", "reply.draft"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var intent = context.Text("intent.label") ?? "other";
        var language = context.Text("signal.language") is "fi" ? "fi" : "en";
        var name = context.Text("customer.name") ?? "";
        var templates = await db.ReplyTemplates.AsNoTracking().Where(t => t.Language == language && (t.Intent == intent || t.Intent == "other"))
            .ToListAsync(context.CancellationToken);
        var template = templates.FirstOrDefault(t => t.Intent == intent) ?? templates.FirstOrDefault();
        var kind = context.Text("reply.kind") == ReplyKindResult.Personalised ? ReplyKindResult.Personalised : ReplyKindResult.Standard;
        var draft = ReplyDrafts.Compose(template, language, name, kind, (int)context.Number("history.earlierCases"));
        context.Set("reply.template", template?.Key);
        context.Set("reply.draft", draft);
        return ActivityResult.Completed(detail: template?.Key ?? "no template");
    }
}
