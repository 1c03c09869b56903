using SocialCrm.Domain.Templates;
using SocialCrm.Scoring.ReplyKind;

namespace SocialCrm.Stages.Act.Drafting;

/// <summary>
/// How a reply is drafted from a template: the standard text with the customer's name; a personalised one adds a
/// personal note that acknowledges their history, for the agent to finish. The analyse stage and the agents' console
/// draft the same way, so the kind recorded is always the kind of the text sent.
/// </summary>
public static class ReplyDrafts
{
    public static string Compose(ReplyTemplate? template, string language, string customerName, string kind, int earlierCases)
    {
        var draft = (template ?? new ReplyTemplate { Text = language == "fi" ? "Hei {name}, kiitos viestistä." : "Hi {name}, thanks for your message." }).Render(customerName);
        if (kind != ReplyKindResult.Personalised) return draft;
        return draft + (language == "fi"
            ? earlierCases > 0 ? " Näemme, että olet ollut yhteydessä aiemminkin – hoidan asiasi henkilökohtaisesti." : " Hoidan asiasi henkilökohtaisesti."
            : earlierCases > 0 ? " I can see you've been in touch before, so I'll look after this personally." : " I'll look after this personally.");
    }
}
