using FluentValidation;
using SocialCrm.Domain.Templates;
using SocialCrm.Scoring.Intent;

namespace SocialCrm.Stages.Templates;

/// <summary>A template names a known intent, English or Finnish, a kind, and a text whose placeholders all exist.</summary>
public sealed class ReplyTemplateInputValidator : AbstractValidator<ReplyTemplateInput>
{
    public const int MaxText = 1000;
    public static readonly string[] Languages = ["en", "fi"];
    /// <summary>Keys that would be read as pages or API routes (/admin/templates/new, /api/templates/preview, ...).</summary>
    public static readonly string[] Reserved = ["new", "placeholders", "preview", "preview-cases"];

    public ReplyTemplateInputValidator()
    {
        RuleFor(t => t.Intent).NotEmpty().WithMessage("say which intent it answers (" + string.Join(", ", IntentResult.Labels) + ")")
            // The condition guards only the list check: NotEmpty must still see a missing intent.
            .Must(i => IntentResult.Labels.Contains(i)).When(t => !string.IsNullOrEmpty(t.Intent), ApplyConditionTo.CurrentValidator)
            .WithMessage(t => $"'{t.Intent}' is not an intent ({string.Join(", ", IntentResult.Labels)})");
        RuleFor(t => t.Language).Must(l => Languages.Contains(l)).WithMessage(t => $"'{t.Language}' is not a language templates are written in (en, fi)");
        RuleFor(t => t.Kind).Must(k => TemplateKinds.All.Contains(k)).WithMessage(t => $"'{t.Kind}' is not a kind (standard or personalised)");
        RuleFor(t => t.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("write the reply");
        RuleFor(t => t.Text).MaximumLength(MaxText);
        RuleFor(t => t.Text).Custom((text, context) =>
        {
            foreach (var error in TemplatePlaceholders.Check(text ?? "")) context.AddFailure("text", error);
        });
        RuleFor(t => t.Comment).MaximumLength(500);
        RuleFor(t => t.Key).Matches("^[a-z0-9][a-z0-9-]{0,63}$").When(t => t.Key is not null)
            .WithMessage("a key is up to 64 lower-case letters, digits and dashes, such as complaint-en-2");
        RuleFor(t => t.Key).Must(k => !Reserved.Contains(k)).When(t => t.Key is not null)
            .WithMessage(t => $"'{t.Key}' is a word the console and the API use for something else; choose another key");
    }
}
