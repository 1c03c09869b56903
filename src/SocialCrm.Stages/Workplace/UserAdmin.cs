using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Workplace;

namespace SocialCrm.Stages.Workplace;

public sealed record UserSummary(string UserName, string[] Roles, bool Disabled, DateTime CreatedAt, DateTime? DisabledAt, DateTimeOffset? LockedOutUntil);

public sealed record AddUserResult(UserSummary? User, string? GeneratedPassword, string[] Errors)
{
    public bool Succeeded => Errors.Length == 0;
    /// <summary>Refused because the name is taken (409), rather than for what was given (400).</summary>
    public bool Exists { get; init; }
}

/// <summary>Adds, lists, disables and re-enables users, and changes their roles: the CLI's `users` and the admins' screen share it. Every change is audited.</summary>
public sealed class UserAdmin(UserManager<CrmUser> users, RoleManager<IdentityRole> roles, CrmDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxUserNameLength = 64;

    /// <summary>Adds a user with the given password, or a generated one (returned once, never stored in clear).</summary>
    public async Task<AddUserResult> AddAsync(string userName, IReadOnlyCollection<string> roleNames, string? password, string actor, CancellationToken ct)
    {
        var errors = new List<string>();
        userName = userName.Trim();
        if (userName.Length == 0) errors.Add("the user name is empty");
        if (userName.Length > MaxUserNameLength) errors.Add($"the user name is {userName.Length:N0} characters long; at most {MaxUserNameLength} are taken");
        var unknown = roleNames.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0) errors.Add($"unknown role {string.Join(", ", unknown.Select(r => $"'{r}'"))} (roles: {string.Join(", ", Roles.All)})");
        if (roleNames.Count == 0) errors.Add($"give at least one role ({string.Join(", ", Roles.All)})");
        if (errors.Count > 0) return new(null, null, [.. errors]);
        if (await users.FindByNameAsync(userName) is not null) return new(null, null, [$"a user named '{userName}' exists already"]) { Exists = true };

        await EnsureRolesAsync();
        var generated = password is null ? Passwords.Generate() : null;
        var user = new CrmUser { UserName = userName, CreatedAt = clock.GetUtcNow().UtcDateTime, LockoutEnabled = true };
        var created = await users.CreateAsync(user, password ?? generated!);
        // Made by someone else between the check above and this save: the name is taken (409).
        if (!created.Succeeded) return new(null, null, [.. created.Errors.Select(e => e.Description)]) { Exists = created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)) };
        var added = await users.AddToRolesAsync(user, roleNames.Distinct());
        if (!added.Succeeded) return new(null, null, [.. added.Errors.Select(e => e.Description)]);
        await audit.WriteAsync(actor, AuditActions.UserAdded, userName, $"roles: {string.Join(", ", roleNames)}", ct);
        return new(await SummaryAsync(user), generated, []);
    }

    public async Task<List<UserSummary>> ListAsync(CancellationToken ct)
    {
        var all = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roleOf = (await db.UserRoles.AsNoTracking().Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct))
            .ToLookup(r => r.UserId, r => r.Name!);
        return all.Select(u => Summary(u, [.. roleOf[u.Id].Order()])).ToList();
    }

    /// <summary>A disabled user cannot sign in or get a token, and the sessions they hold end within a minute; their history stays.</summary>
    public async Task<string?> SetDisabledAsync(string userName, bool disabled, string actor, CancellationToken ct)
    {
        if (await users.FindByNameAsync(userName) is not { } user) return $"no user named '{userName}'";
        if (disabled && string.Equals(userName, actor, StringComparison.OrdinalIgnoreCase)) return "you cannot disable yourself";
        if (disabled == (user.DisabledAt is not null)) return null;
        user.DisabledAt = disabled ? clock.GetUtcNow().UtcDateTime : null;
        user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actor, disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled, user.UserName!, null, ct);
        return null;
    }

    public async Task<string?> SetRolesAsync(string userName, IReadOnlyCollection<string> roleNames, string actor, CancellationToken ct)
    {
        if (await users.FindByNameAsync(userName) is not { } user) return $"no user named '{userName}'";
        var unknown = roleNames.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0) return $"unknown role {string.Join(", ", unknown.Select(r => $"'{r}'"))} (roles: {string.Join(", ", Roles.All)})";
        if (roleNames.Count == 0) return "a user needs at least one role; disable the user instead";
        await EnsureRolesAsync();
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(roleNames));
        await users.AddToRolesAsync(user, roleNames.Except(current).Distinct());
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actor, AuditActions.UserRolesChanged, user.UserName!, $"{string.Join(", ", current.Order())} -> {string.Join(", ", roleNames.Order())}", ct);
        return null;
    }

    public Task<bool> AnyAsync(CancellationToken ct) => db.Users.AnyAsync(ct);

    private async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
    }

    private async Task<UserSummary> SummaryAsync(CrmUser user) => Summary(user, [.. (await users.GetRolesAsync(user)).Order()]);

    private static UserSummary Summary(CrmUser u, string[] roleNames) =>
        new(u.UserName!, roleNames, u.DisabledAt is not null, u.CreatedAt, u.DisabledAt, u.DisabledAt is null && u.LockoutEnd > DateTimeOffset.UtcNow ? u.LockoutEnd : null);
}
