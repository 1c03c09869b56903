using FluentValidation;
using SocialCrm.Channels;
using SocialCrm.Domain.Signals;

namespace SocialCrm.Stages.Listen.Ingest;

/// <summary>What makes a signal acceptable; each failure names its field.</summary>
public sealed class SignalInputValidator : AbstractValidator<SignalInput>
{
    public const int MaxTextLength = 10_000;

    public SignalInputValidator(TimeProvider clock)
    {
        RuleFor(s => s.Platform).NotEmpty()
            .Must(p => ChannelCapabilities.IsKnown(p!)).When(s => !string.IsNullOrWhiteSpace(s.Platform))
            .WithMessage(s => $"'{s.Platform}' is not a supported platform (supported: {string.Join(", ", ChannelCapabilities.Platforms)})");
        RuleFor(s => s.PostId).NotEmpty().MaximumLength(200);
        RuleFor(s => s.Kind).Must(k => k is null || SignalKinds.All.Contains(k))
            .WithMessage(s => $"'{s.Kind}' is not a signal kind (kinds: {string.Join(", ", SignalKinds.All)})");
        RuleFor(s => s.AuthorHandle).NotEmpty().MaximumLength(200);
        RuleFor(s => s.AuthorName).MaximumLength(200);
        RuleFor(s => s.AuthorFollowers).GreaterThanOrEqualTo(0);
        RuleFor(s => s.Text).NotEmpty().MaximumLength(MaxTextLength);
        RuleFor(s => s.Language).Matches("^[a-z]{2,3}$").When(s => s.Language is not null)
            .WithMessage("must be an ISO 639 code such as en or fi");
        RuleFor(s => s.PostedAt).NotNull()
            .LessThanOrEqualTo(_ => clock.GetUtcNow().AddMinutes(5)).WithMessage("lies in the future")
            .GreaterThanOrEqualTo(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)).WithMessage("lies before the year 2000");
        RuleFor(s => s.Url).Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .When(s => s.Url is not null).WithMessage("must be an absolute http(s) URL");
        RuleFor(s => s.InReplyToPostId).MaximumLength(200);
    }
}
