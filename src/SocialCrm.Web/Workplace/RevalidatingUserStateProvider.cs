using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SocialCrm.Persistence;

namespace SocialCrm.Web.Workplace;

/// <summary>
/// An open console tab checks its user every minute: once the user is disabled or their roles change (the security
/// stamp moves), the tab loses its rights, as the cookie would on the next request.
/// </summary>
public sealed class RevalidatingUserStateProvider(ILoggerFactory loggers, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await IsCurrentAsync(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), state.User, identity.Value, ct);
    }

    /// <summary>Whether the principal's user still exists, is not disabled, and has the security stamp it was issued with.</summary>
    public static async Task<bool> IsCurrentAsync(CrmDbContext db, ClaimsPrincipal user, IdentityOptions identity, CancellationToken ct)
    {
        var userId = user.FindFirst(identity.ClaimsIdentity.UserIdClaimType)?.Value;
        var stamp = user.FindFirst(identity.ClaimsIdentity.SecurityStampClaimType)?.Value;
        if (userId is null) return false;
        var current = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.SecurityStamp, u.DisabledAt }).SingleOrDefaultAsync(ct);
        return current is not null && current.DisabledAt is null && current.SecurityStamp == stamp;
    }
}
