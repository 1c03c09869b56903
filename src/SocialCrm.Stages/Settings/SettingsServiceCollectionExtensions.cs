using Microsoft.Extensions.DependencyInjection;

namespace SocialCrm.Stages.Settings;

public static class SettingsServiceCollectionExtensions
{
    /// <summary>The versioned settings and the per-process copy of the live ones (the validator comes with the stages' assembly scan).</summary>
    public static IServiceCollection AddCrmSettings(this IServiceCollection services) =>
        services.AddSingleton<LiveSettings>().AddScoped<SettingsStore>();
}
