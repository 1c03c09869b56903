using FluentValidation;
using SocialCrm.Domain.Cases;

namespace SocialCrm.Stages.Act.RecordAction;

public sealed class AgentActionInputValidator : AbstractValidator<AgentActionInput>
{
    public AgentActionInputValidator()
    {
        RuleFor(a => a.Agent).NotEmpty().MaximumLength(100);
        RuleFor(a => a.Action).NotEmpty().Must(a => a is AgentActions.Reply or AgentActions.Ignore)
            .WithMessage(a => $"'{a.Action}' is not an action (reply or ignore)");
        RuleFor(a => a.ReplyKind).Must(k => k is null or "personalised" or "standard")
            .WithMessage(a => $"'{a.ReplyKind}' is not a reply kind (personalised or standard)");
        RuleFor(a => a.Text).MaximumLength(5000);
        RuleFor(a => a.Text).Must(t => t is null || t.Trim().Length > 0).WithMessage("must not be blank when given");
        RuleFor(a => a.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).When(a => a.Action == AgentActions.Ignore)
            .WithMessage("say why the case is ignored (spam, already handled, not for us, ...)");
        RuleFor(a => a.Reason).MaximumLength(500);
    }
}
