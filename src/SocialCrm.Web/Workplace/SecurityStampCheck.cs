using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using SocialCrm.Persistence.Workplace;

namespace SocialCrm.Web.Workplace;

/// <summary>
/// Bearer tokens live an hour and carry no check of their own: this rejects one whose user was disabled or had
/// their roles changed since it was issued (the security stamp moved), looked up at most every 30 s per token.
/// Cookies get the same from Identity's security stamp validator.
/// </summary>
public sealed class SecurityStampCheck(RequestDelegate next, IMemoryCache cache)
{
    public async Task InvokeAsync(HttpContext http, SignInManager<CrmUser> signIn)
    {
        if (http.User.Identity?.IsAuthenticated == true && http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var stamp = http.User.FindFirst(signIn.Options.ClaimsIdentity.SecurityStampClaimType)?.Value ?? "";
            var key = ("stamp", http.User.FindFirst(signIn.Options.ClaimsIdentity.UserIdClaimType)?.Value, stamp);
            if (!cache.TryGetValue(key, out bool valid))
            {
                var user = await signIn.ValidateSecurityStampAsync(http.User);
                valid = user is not null && user.DisabledAt is null;
                cache.Set(key, valid, TimeSpan.FromSeconds(30));
            }
            if (!valid)
            {
                await Results.Problem("this token is no longer valid (the user was disabled or their roles changed): get a new one", statusCode: StatusCodes.Status401Unauthorized)
                    .ExecuteAsync(http);
                return;
            }
        }
        await next(http);
    }
}
