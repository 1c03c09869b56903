using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Analyse.Activities;

/// <summary>
/// Picks the standard template for the intent and language and drafts the reply (reply.template, reply.draft).
/// A personalised draft greets the customer by name and acknowledges their history, for the agent to finish.
/// </summary>
public sealed class PickTemplateActivity(CrmDbContext db) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "PickTemplate", "Picks a reply template and drafts the reply.", [ActivityResult.Done]);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var intent = context.Text("intent.label") ?? "other";
        var language = context.Text("signal.language") is "fi" ? "fi" : "en";
        var name = context.Text("customer.name") ?? "";
        var templates = await db.ReplyTemplates.AsNoTracking().Where(t => t.Language == language && (t.Intent == intent || t.Intent == "other"))
            .ToListAsync(context.CancellationToken);
        var template = templates.FirstOrDefault(t => t.Intent == intent) ?? templates.FirstOrDefault();
        var draft = template?.Render(name) ?? (language == "fi" ? $"Hei {name}, kiitos viestistä." : $"Hi {name}, thanks for your message.");

        if (context.Text("reply.kind") == ReplyKindResult.Personalised)
        {
            var earlier = context.Number("history.earlierCases");
            var note = language == "fi"
                ? earlier > 0 ? " Näemme, että olet ollut yhteydessä aiemminkin – hoidan asiasi henkilökohtaisesti." : " Hoidan asiasi henkilökohtaisesti."
                : earlier > 0 ? " I can see you've been in touch before, so I'll look after this personally." : " I'll look after this personally.";
            draft += note;
        }
        context.Set("reply.template", template?.Key);
        context.Set("reply.draft", draft);
        return ActivityResult.Completed(detail: template?.Key ?? "no template");
    }
}
