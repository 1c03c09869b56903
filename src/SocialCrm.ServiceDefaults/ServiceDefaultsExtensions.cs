using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using SocialCrm.ServiceDefaults.Health;
using SocialCrm.ServiceDefaults.Telemetry;
using SocialCrm.Stages.Hosting;

namespace SocialCrm.ServiceDefaults;

/// <summary>What every host adds and maps for its operator, as eShop's ServiceDefaults do: probes, metrics, traces.</summary>
public static class ServiceDefaultsExtensions
{
    public static IHostApplicationBuilder AddSocialCrmServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSocialCrmHealthChecks();
        builder.AddSocialCrmTelemetry();
        return builder;
    }

    public static WebApplication MapSocialCrmDefaultEndpoints(this WebApplication app)
    {
        app.MapSocialCrmHealth();
        app.MapSocialCrmTelemetry();
        return app;
    }

    /// <summary>
    /// The options of section SocialCrm. Settings that earlier releases read from other keys
    /// (Models:PersonalisedRepliesPerDay, Workflow:IgnoreBelowValue, Workflow:AutoReplyBelowValue) still give the
    /// first settings version, so an upgrade keeps what was configured.
    /// </summary>
    public static SocialCrmOptions GetSocialCrmOptions(this IConfiguration configuration)
    {
        var section = configuration.GetSection(SocialCrmOptions.Section);
        var options = section.Get<SocialCrmOptions>() ?? new SocialCrmOptions();
        var settings = section.GetSection("Settings");
        if (settings["PersonalisedRepliesPerDay"] is null && section.GetValue<int?>("Models:PersonalisedRepliesPerDay") is { } perDay) options.Settings.PersonalisedRepliesPerDay = perDay;
        if (settings["IgnoreBelowValue"] is null && section.GetValue<double?>("Workflow:IgnoreBelowValue") is { } ignore) options.Settings.IgnoreBelowValue = ignore;
        if (settings["AutoReplyBelowValue"] is null && section.GetValue<double?>("Workflow:AutoReplyBelowValue") is { } autoReply) options.Settings.AutoReplyBelowValue = autoReply;
        return options;
    }
}
