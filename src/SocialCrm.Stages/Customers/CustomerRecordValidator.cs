using FluentValidation;
using SocialCrm.Channels;

namespace SocialCrm.Stages.Customers;

/// <summary>What makes a back-office record acceptable; each failure names its field.</summary>
public sealed class CustomerRecordValidator : AbstractValidator<CustomerRecordInput>
{
    public CustomerRecordValidator(TimeProvider clock)
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        RuleFor(c => c.Email).MaximumLength(254).EmailAddress().When(c => !string.IsNullOrEmpty(c.Email)).WithMessage("is not an e-mail address");
        RuleFor(c => c.LifetimeRevenue).GreaterThanOrEqualTo(0).LessThan(1e12);
        RuleFor(c => c.Purchases).Must(p => p is null || p.Count <= 10_000).WithMessage("at most 10,000 purchases")
            .Must(p => p is null || p.Where(x => x?.OrderNumber is not null).GroupBy(x => x!.OrderNumber!.Trim()).All(g => g.Count() == 1))
            .WithMessage("an order number appears twice");
        RuleForEach(c => c.Purchases).NotNull().ChildRules(p =>
        {
            p.RuleFor(x => x!.OrderNumber).NotEmpty().MaximumLength(100);
            p.RuleFor(x => x!.Amount).NotNull().GreaterThanOrEqualTo(0).LessThan(1e12);
            p.RuleFor(x => x!.PurchasedAt).NotNull()
                .LessThanOrEqualTo(_ => clock.GetUtcNow().AddMinutes(5)).WithMessage("lies in the future")
                .GreaterThan(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)).WithMessage("lies before the year 2000");
        });
        RuleFor(c => c.Consent!.Contact!).SetValidator(new ConsentValidator()).When(c => c.Consent?.Contact is not null);
        RuleFor(c => c.Consent!.Connect!).SetValidator(new ConsentValidator()).When(c => c.Consent?.Connect is not null);
        RuleFor(c => c.Identities).Must(i => i is null || i.Count <= 50).WithMessage("at most 50 identities")
            .Must(i => i is null || Accounts(i).All(g => g.Count() == 1))
            .WithMessage(c => $"the account {Accounts(c.Identities!).First(g => g.Count() > 1).Key} appears twice; give each account once");
        RuleForEach(c => c.Identities).NotNull().ChildRules(i =>
        {
            // The condition guards only the platform check: NotEmpty must still see a missing platform.
            i.RuleFor(x => x!.Platform).NotEmpty()
                .Must(p => ChannelCapabilities.IsKnown(p!.Trim().ToLowerInvariant())).When(x => !string.IsNullOrWhiteSpace(x!.Platform), ApplyConditionTo.CurrentValidator)
                .WithMessage(x => $"'{x!.Platform}' is not a supported platform (supported: {string.Join(", ", ChannelCapabilities.Platforms)})");
            i.RuleFor(x => x!.Handle).Must(h => h!.Trim().TrimStart('@').Length > 0).When(x => !string.IsNullOrWhiteSpace(x!.Handle))
                .WithMessage("is only '@': give the handle after it");
            i.RuleFor(x => x!).Must(x => !string.IsNullOrWhiteSpace(x.UserId) || !string.IsNullOrWhiteSpace(x.Handle))
                .WithName("userId").WithMessage("give the account's userId (preferred) or its handle");
            i.RuleFor(x => x!.UserId).MaximumLength(200);
            i.RuleFor(x => x!.Handle).MaximumLength(200);
        });
    }

    /// <summary>The accounts of a record by how the store tells them apart: platform and user id, or platform and handle (without '@', any case).</summary>
    private static IEnumerable<IGrouping<string, IdentityInput>> Accounts(List<IdentityInput> identities) =>
        identities.Where(x => x is not null && !string.IsNullOrWhiteSpace(x.Platform)).SelectMany(x => new[]
            {
                string.IsNullOrWhiteSpace(x.UserId) ? null : $"{x.Platform!.Trim().ToLowerInvariant()} user {x.UserId.Trim()}",
                string.IsNullOrWhiteSpace(x.Handle) ? null : $"{x.Platform!.Trim().ToLowerInvariant()} @{x.Handle.Trim().TrimStart('@').ToLowerInvariant()}",
            }.Where(k => k is not null).Select(k => (Key: k!, Item: x)))
            .GroupBy(p => p.Key, p => p.Item);

    private sealed class ConsentValidator : AbstractValidator<ConsentInput>
    {
        public ConsentValidator()
        {
            RuleFor(c => c.Given).NotNull().WithMessage("say whether consent is given (true) or not (false)");
            RuleFor(c => c.At).NotNull().WithMessage("say when consent was given or withdrawn");
            RuleFor(c => c.Source).NotEmpty().WithMessage("say how consent was given (a form, a call, ...)").MaximumLength(200);
        }
    }
}
