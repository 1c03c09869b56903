using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Customers;
using SocialCrm.Domain.Templates;
using SocialCrm.Persistence;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Stages.Act.Drafting;
using SocialCrm.Stages.Templates;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Analyse.Activities;

/// <summary>
/// Picks the admins' reply template for the intent, language and recommended kind (<see cref="TemplatePicker"/>) and
/// drafts the reply with the customer's details (reply.template, reply.templateVersion, reply.draft).
/// </summary>
public sealed class PickTemplateActivity(CrmDbContext db) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "PickTemplate", "Picks a reply template and drafts the reply.", [ActivityResult.Done]) with { Writes = ["reply.template", "reply.templateVersion", "reply.draft"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var intent = context.Text("intent.label") ?? "other";
        var language = context.Text("signal.language") is "fi" ? "fi" : "en";
        var kind = context.Text("reply.kind") == ReplyKindResult.Personalised ? ReplyKindResult.Personalised : ReplyKindResult.Standard;
        var earlierCases = (int)context.Number("history.earlierCases");
        var facts = new TemplateFacts(context.Text("customer.name") ?? "", (RelationshipStatus)(int)context.Number("customer.status"), context.Number("customer.tenureDays"),
            DateTime.TryParse(context.Text("history.lastCaseAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var last) ? last : null);
        var templates = await db.ReplyTemplates.AsNoTracking().Where(t => t.Language == language && t.RetiredAt == null && (t.Intent == intent || t.Intent == "other"))
            .ToListAsync(context.CancellationToken);
        var template = TemplatePicker.Pick(templates, intent, language, kind, facts.LastCaseAt is not null);
        context.Set("reply.template", template?.Key);
        context.Set("reply.templateVersion", template?.Version);
        context.Set("reply.draft", ReplyDrafts.Compose(template, language, facts, kind, earlierCases));
        return ActivityResult.Completed(detail: template is null ? "no template" : $"{template.Key} v{template.Version}");
    }
}
