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
            // The condition guards only the platform check: NotEmpty must still see a missing platform.
            .Must(p => ChannelCapabilities.IsKnown(p!.Trim().ToLowerInvariant())).When(s => !string.IsNullOrWhiteSpace(s.Platform), ApplyConditionTo.CurrentValidator)
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
        // PostgreSQL cannot store NUL in text, and no post means one: refused by name rather than failing in the store.
        foreach (var field in new System.Linq.Expressions.Expression<Func<SignalInput, string?>>[] { s => s.Platform, s => s.PostId, s => s.AuthorHandle, s => s.AuthorName, s => s.Text, s => s.Url, s => s.InReplyToPostId, s => s.Kind, s => s.Language })
            RuleFor(field).Must(v => v is null || !v.Contains('\0')).WithMessage("contains a NUL character (\\u0000), which no text may hold");
    }
}
