using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SocialCrm.Web.Workplace;

/// <summary>
/// Behind a TLS proxy: the proxies named in SocialCrm:ForwardedHeaders:KnownProxies (addresses) or KnownNetworks
/// (CIDR) are believed about the client's address and scheme, so a request that came over HTTPS is treated as HTTPS
/// (secure cookies, HSTS). Nobody else's X-Forwarded-* headers are read. Every answer says nosniff.
/// </summary>
public static class TransportSecurity
{
    public static IServiceCollection AddSocialCrmTransportSecurity(this IServiceCollection services, IConfigurationSection section)
    {
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in networks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.AddSingleton(new TrustedProxies(proxies.Length + networks.Length > 0));
        return services;
    }

    /// <summary>Whether any proxy is named: with none, ASP.NET Core would believe every caller's X-Forwarded-* headers.</summary>
    private sealed record TrustedProxies(bool Any);

    public static WebApplication UseSocialCrmTransportSecurity(this WebApplication app)
    {
        if (app.Services.GetRequiredService<TrustedProxies>().Any) app.UseForwardedHeaders();
        app.Use((http, next) =>
        {
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return next(http);
        });
        // HSTS only over HTTPS (the middleware skips plain HTTP itself) and never for localhost.
        app.UseHsts();
        return app;
    }
}
