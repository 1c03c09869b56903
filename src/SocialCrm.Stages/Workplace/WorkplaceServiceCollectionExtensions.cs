using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Workplace;

namespace SocialCrm.Stages.Workplace;

public static class WorkplaceServiceCollectionExtensions
{
    /// <summary>
    /// Users and roles on the one store (ASP.NET Core Identity), the audit trail and the user admin. The web host adds
    /// sign-in on top (cookies and bearer tokens); the CLI needs only this.
    /// </summary>
    public static IdentityBuilder AddCrmIdentity(this IServiceCollection services)
    {
        services.AddScoped<AuditLog>();
        services.AddScoped<UserAdmin>();
        return services.AddIdentityCore<CrmUser>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
                o.Password.RequiredLength = 12;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddErrorDescriber<CrmIdentityErrors>()
            .AddEntityFrameworkStores<CrmDbContext>();
    }
}
