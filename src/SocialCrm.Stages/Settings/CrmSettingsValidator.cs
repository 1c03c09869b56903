using System.Globalization;
using FluentValidation;
using FluentValidation.Results;

namespace SocialCrm.Stages.Settings;

/// <summary>Each setting within its range, whole where it counts things, and the SLAs in the order of their priorities.</summary>
public sealed class CrmSettingsValidator : AbstractValidator<CrmSettings>
{
    public CrmSettingsValidator()
    {
        RuleFor(s => s).Custom((settings, context) =>
        {
            foreach (var f in CrmSettings.Fields)
            {
                var value = settings[f.Name];
                if (value < f.Min || value > f.Max || double.IsNaN(value))
                    context.AddFailure(new ValidationFailure(f.Name, string.Create(CultureInfo.InvariantCulture, $"must be from {f.Min:0.##} to {f.Max:0.##} ({f.Unit}), not {value:0.###}")));
            }
            if (settings.SlaUrgentMinutes > settings.SlaHighMinutes)
                context.AddFailure(new ValidationFailure("slaUrgentMinutes", $"an urgent case cannot get longer ({settings.SlaUrgentMinutes} minutes) than a high one ({settings.SlaHighMinutes})"));
            if (settings.SlaHighMinutes > settings.SlaNormalMinutes)
                context.AddFailure(new ValidationFailure("slaHighMinutes", $"a high-priority case cannot get longer ({settings.SlaHighMinutes} minutes) than a normal one ({settings.SlaNormalMinutes})"));
            if (settings.SlaNormalMinutes > settings.SlaLowMinutes)
                context.AddFailure(new ValidationFailure("slaNormalMinutes", $"a normal case cannot get longer ({settings.SlaNormalMinutes} minutes) than a low one ({settings.SlaLowMinutes})"));
        });
    }
}
