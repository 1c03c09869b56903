using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Workplace;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Web.Workplace;

/// <summary>The user, or what went wrong: a code for the sign-in page (<see cref="SignInErrors"/>) and its sentence.</summary>
public sealed record SignInCheck(CrmUser? User, string? Problem, string? Code = null);

public static class SignInErrors
{
    public const string Missing = "missing", Credentials = "credentials", Disabled = "disabled", LockedOut = "locked";

    public static string Message(string code) => code switch
    {
        Missing => "Give a user name and a password.",
        Disabled => "This user is disabled; ask an admin.",
        LockedOut => "Too many failed sign-ins: this user is locked out for a few minutes.",
        _ => "Wrong user name or password.",
    };
}

/// <summary>
/// Checks a user name and password for the sign-in page and the token endpoint alike: five wrong passwords lock the
/// user out for five minutes, a disabled user cannot sign in, and every failure is audited with what was tried.
/// </summary>
public sealed class TokenIssuer(UserManager<CrmUser> users, SignInManager<CrmUser> signIn, AuditLog audit, CrmDbContext db)
{
    /// <summary>A hash of a random password, verified against when the user is unknown.</summary>
    private static readonly string DummyHash = new PasswordHasher<CrmUser>().HashPassword(new CrmUser(), Guid.NewGuid().ToString());

    public async Task<SignInCheck> CheckAsync(string? userName, string? password, string via, CancellationToken ct)
    {
        userName = userName?.Trim() ?? "";
        if (userName.Length == 0 || string.IsNullOrEmpty(password)) return await FailAsync(userName, via, "user name or password missing", SignInErrors.Missing, ct);
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            // Hash anyway, so an unknown name takes as long to refuse as a wrong password.
            users.PasswordHasher.VerifyHashedPassword(new CrmUser(), DummyHash, password);
            return await FailAsync(userName, via, "unknown user", SignInErrors.Credentials, ct);
        }
        if (user.DisabledAt is not null)
        {
            // Only someone with the right password learns that the user is disabled.
            var right = users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? DummyHash, password) != PasswordVerificationResult.Failed;
            return await FailAsync(userName, via, "disabled user", right ? SignInErrors.Disabled : SignInErrors.Credentials, ct);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded) return new(user, null);
        if (result.IsLockedOut)
            return await FailAsync(userName, via, "locked out", SignInErrors.LockedOut, ct);
        return await FailAsync(userName, via, "wrong password", SignInErrors.Credentials, ct);
    }

    private async Task<SignInCheck> FailAsync(string userName, string via, string why, string code, CancellationToken ct)
    {
        // When two failures for one user race, Identity's count of failures loses on its concurrency stamp and leaves
        // the user changed in the context; the audit's save must not try to save that user again (a 500).
        foreach (var entry in db.ChangeTracker.Entries<CrmUser>()) entry.State = EntityState.Detached;
        await audit.WriteAsync(userName.Length == 0 ? "(none)" : userName, AuditActions.SignInFailed, via, why, ct);
        var message = SignInErrors.Message(code);
        return new(null, char.ToLowerInvariant(message[0]) + message[1..].TrimEnd('.'), code);
    }
}
