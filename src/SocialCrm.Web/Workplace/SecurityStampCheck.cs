using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Workplace;

namespace SocialCrm.Web.Workplace;

/// <summary>
/// Bearer tokens live an hour and carry no check of their own: this rejects one whose user was disabled or had
/// their roles changed since it was issued (the security stamp moved). One lookup by key per API request, so a
/// disabled user is out at once. Cookies get the same from Identity's security stamp validator (within a minute).
/// </summary>
public sealed class SecurityStampCheck(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, CrmDbContext db, IOptions<IdentityOptions> identity)
    {
        if (http.User.Identity?.IsAuthenticated == true && http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var claims = identity.Value.ClaimsIdentity;
            var userId = http.User.FindFirst(claims.UserIdClaimType)?.Value;
            var stamp = http.User.FindFirst(claims.SecurityStampClaimType)?.Value;
            var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.SecurityStamp, u.DisabledAt }).SingleOrDefaultAsync(http.RequestAborted);
            if (current is null || current.DisabledAt is not null || current.SecurityStamp != stamp)
            {
                await Results.Problem("this token is no longer valid (the user was disabled or their roles changed): get a new one", statusCode: StatusCodes.Status401Unauthorized)
                    .ExecuteAsync(http);
                return;
            }
        }
        await next(http);
    }
}
