using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Workplace;

namespace SocialCrm.Web.Workplace;

public static class WorkplaceHostExtensions
{
    /// <summary>The scheme that picks the cookie (the console) or the bearer token (the API) by what the request carries.</summary>
    public const string CookieOrBearer = "cookie-or-bearer";

    /// <summary>
    /// Sign-in for the web host: the console signs in with Identity's cookie, the API takes Identity's bearer tokens
    /// (from POST /api/auth/token). Both are protected by keys kept in the store, so every process of a scaled-out
    /// deployment reads every other's cookies and tokens, and no signing secret has to be configured.
    /// </summary>
    public static IServiceCollection AddSocialCrmSignIn(this IServiceCollection services, KeyProtectionOptions keys, SocialCrm.Persistence.Configuration.DatabaseOptions database)
    {
        new IdentityBuilder(typeof(CrmUser), typeof(IdentityRole), services).AddSignInManager();
        services.AddDataProtection().SetApplicationName("SocialCrm").PersistKeysToDbContext<CrmDbContext>().ProtectKeysWithSocialCrmCertificate(keys, database);

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, "cookie or bearer token", o => o.ForwardDefaultSelector = http =>
                CarriesBearer(http.Request) || ChangesThroughApi(http.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/signin";
            o.LogoutPath = "/account/signout";
            o.AccessDeniedPath = "/denied";
            o.Cookie.Name = "socialcrm";
            o.Cookie.HttpOnly = true;
            // Secure whenever the request came over HTTPS, including behind a TLS proxy named in SocialCrm:ForwardedHeaders.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // Lax, so a link to a case from mail or chat opens signed in; the cookie cannot change anything through the API (see ChangesThroughApi).
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
            // The API answers 401/403; only pages redirect to the sign-in page.
            o.Events.OnRedirectToLogin = http => ApiOr(http, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = http => ApiOr(http, StatusCodes.Status403Forbidden);
        });
        // A disabled user's or changed roles' cookie stops working within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorizationBuilder().AddSocialCrmPolicies();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingUserStateProvider>();
        services.AddScoped<TokenIssuer>();
        services.AddScoped<DemoUsers>();
        services.AddScoped<ViewerTime>();
        services.AddScoped<ConsoleState>();
        return services;
    }

    public static bool CarriesBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A write through the API takes a bearer token only, never the console's cookie: a page on another site (or a
    /// sibling subdomain) cannot make a signed-in browser change anything. The console itself calls the handlers
    /// directly; reads (such as the CSV download) may use the cookie.
    /// </summary>
    private static bool ChangesThroughApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> http, int status)
    {
        if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/openapi"))
            http.Response.StatusCode = status;
        else
            http.Response.Redirect(http.RedirectUri);
        return Task.CompletedTask;
    }
}
