using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SocialCrm.Domain.Audit;
using SocialCrm.Persistence.Workplace;
using SocialCrm.Stages.Workplace;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class AuthEndpoints
{
    public sealed record TokenRequest(string? UserName, string? Password);

    public static void MapAuthEndpoints(this RouteGroupBuilder api, IEndpointRouteBuilder app)
    {
        api.MapPost("/auth/token", async (HttpRequest request, TokenIssuer issuer, SignInManager<CrmUser> signIn, AuditLog audit, CancellationToken ct) =>
        {
            var body = await JsonBody.ReadAsync<TokenRequest>(request, ct);
            var check = await issuer.CheckAsync(body.UserName, body.Password, "api token", ct);
            if (check.User is null) return Results.Problem(check.Problem, statusCode: StatusCodes.Status401Unauthorized);
            await audit.WriteAsync(check.User.UserName!, AuditActions.TokenIssued, "api", null, ct);
            var principal = await signIn.CreateUserPrincipalAsync(check.User);
            // Identity's bearer handler answers {tokenType, accessToken, expiresIn, refreshToken}.
            return Results.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        })
        .AllowAnonymous()
        .WithTags("Sign-in").WithSummary("A bearer token for the API: {\"userName\", \"password\"} answers {\"accessToken\", \"expiresIn\"} (seconds); 401 on wrong credentials, and five failures lock the user out for five minutes")
        .Accepts<TokenRequest>("application/json");

        // The console's sign-in form posts here (a plain form with an antiforgery token, so it works without script).
        app.MapPost("/account/signin", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            TokenIssuer issuer, SignInManager<CrmUser> signIn, AuditLog audit, CancellationToken ct) =>
        {
            var check = await issuer.CheckAsync(userName, password, "console", ct);
            var back = LocalOnly(returnUrl);
            if (check.User is null)
                return Results.Redirect($"/signin?error={check.Code}&returnUrl={Uri.EscapeDataString(back)}");
            await signIn.SignInAsync(check.User, isPersistent: false);
            await audit.WriteAsync(check.User.UserName!, AuditActions.SignedIn, "console", null, ct);
            return Results.LocalRedirect(back);
        })
        .AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/account/signout", async (HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, SignInManager<CrmUser> signIn,
            SocialCrm.Stages.Assignment.AgentProfileStore agents) =>
        {
            // A page elsewhere cannot sign anyone out: the console's form carries the antiforgery token.
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Problem("the sign-out form's antiforgery token is missing or wrong: sign out from the console's own button", statusCode: StatusCodes.Status400BadRequest);
            // An agent who signs out takes no new cases overnight.
            if (http.User.IsInRole(Roles.Agent) && http.User.Identity?.Name is { } name)
                await agents.SetAvailabilityAsync(name, SocialCrm.Domain.Workplace.Availability.Offline, http.RequestAborted);
            await signIn.SignOutAsync();
            return Results.Redirect("/signin");
        })
        .RequireAuthorization(Policies.Staff).ExcludeFromDescription();
    }

    /// <summary>Only a path on this site: a sign-in link cannot send anyone elsewhere.</summary>
    private static string LocalOnly(string? url) => Microsoft.AspNetCore.Http.HttpResults.RedirectHttpResult.IsLocalUrl(url) ? url! : "/";
}
