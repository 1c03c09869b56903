using SocialCrm.Domain.Templates;
using SocialCrm.Scoring.ReplyKind;

namespace SocialCrm.Stages.Templates;

/// <summary>
/// Which template a case gets: one in the case's language, not retired, for the case's intent (else intent "other"),
/// of the recommended kind; a personalised reply falls back to the intent's standard template (the draft then adds a
/// personal note) before it falls back to intent "other", since the intent says more than the kind.
/// A template that names the previous case ({lastCase}) is skipped for a customer without one. Among equals, the
/// first by key, so the choice is stable.
/// </summary>
public static class TemplatePicker
{
    public static ReplyTemplate? Pick(IEnumerable<ReplyTemplate> templates, string intent, string language, string kind, bool hasEarlierCase)
    {
        var fitting = templates.Where(t => !t.Retired && t.Language == language && (t.Intent == intent || t.Intent == "other"))
            .Where(t => hasEarlierCase || !TemplatePlaceholders.Used(t.Text).Contains(TemplatePlaceholders.LastCase))
            .OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
        var kinds = kind == ReplyKindResult.Personalised ? new[] { TemplateKinds.Personalised, TemplateKinds.Standard } : [TemplateKinds.Standard];
        return new[] { intent, "other" }.SelectMany(i => kinds.Select(k => fitting.FirstOrDefault(t => t.Kind == k && t.Intent == i)))
            .FirstOrDefault(t => t is not null);
    }
}
