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
        return services;
    }

    public static WebApplication UseSocialCrmTransportSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
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
