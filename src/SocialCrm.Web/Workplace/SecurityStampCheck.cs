using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SocialCrm.Persistence;

namespace SocialCrm.Web.Workplace;

/// <summary>
/// Bearer tokens live an hour and carry no check of their own: this rejects one whose user was disabled or had
/// their roles changed since it was issued (the security stamp moved). One lookup by key per API request, so a
/// disabled user is out at once. Cookies get the same from Identity's security stamp validator (within a minute),
/// open console tabs from <see cref="RevalidatingUserStateProvider"/>.
/// </summary>
public sealed class SecurityStampCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, CrmDbContext db, IOptions<IdentityOptions> identity)
    {
        if (http.User.Identity?.IsAuthenticated == true && WorkplaceHostExtensions.CarriesBearer(http.Request)
            && !await RevalidatingUserStateProvider.IsCurrentAsync(db, http.User, identity.Value, http.RequestAborted))
        {
            await Results.Problem("this token is no longer valid (the user was disabled or their roles changed): get a new one", statusCode: StatusCodes.Status401Unauthorized)
                .ExecuteAsync(http);
            return;
        }
        await next(http);
    }
}
