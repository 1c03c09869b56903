using SocialCrm.Domain.Templates;
using SocialCrm.Scoring.ReplyKind;

namespace SocialCrm.Stages.Act.Drafting;

/// <summary>
/// How a reply is drafted from a template: its text with the customer's details filled in. A personalised reply
/// drafted from a standard template (no personalised one fits) adds a personal note that acknowledges the customer's
/// history, for the agent to finish. The analyse stage and the agents' console draft the same way, so the kind
/// recorded is always the kind of the text sent.
/// </summary>
public static class ReplyDrafts
{
    public static string Compose(ReplyTemplate? template, string language, TemplateFacts facts, string kind, int earlierCases)
    {
        template ??= new ReplyTemplate { Language = language, Text = language == "fi" ? "Hei {name}, kiitos viestistä." : "Hi {name}, thanks for your message." };
        var draft = TemplatePlaceholders.Render(template.Text, language, facts);
        if (kind != ReplyKindResult.Personalised || template.Kind == TemplateKinds.Personalised) return draft;
        return draft + (language == "fi"
            ? earlierCases > 0 ? " Näemme, että olet ollut yhteydessä aiemminkin – hoidan asiasi henkilökohtaisesti." : " Hoidan asiasi henkilökohtaisesti."
            : earlierCases > 0 ? " I can see you've been in touch before, so I'll look after this personally." : " I'll look after this personally.");
    }
}
