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
    public const string Missing = "missing", Credentials = "credentials";

    public static string Message(string code) => code switch
    {
        Missing => "Give a user name and a password.",
        // One answer for a wrong password, an unknown or disabled user and a locked-out one: none of them may tell a
        // guesser that a name exists or that a guessed password was right.
        _ => "Wrong user name or password (after five wrong passwords a user is locked out for five minutes; a disabled user cannot sign in).",
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
            // Hashed as for anyone else, and answered as a wrong password: a disabled user's answer confirms nothing.
            var right = users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? DummyHash, password) != PasswordVerificationResult.Failed;
            return await FailAsync(userName, via, right ? "disabled user, right password" : "disabled user, wrong password", SignInErrors.Credentials, ct);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded) return new(user, null);
        if (result.IsLockedOut)
        {
            // Identity answers a locked-out user without hashing: hash anyway, so the answer takes as long as any other.
            users.PasswordHasher.VerifyHashedPassword(new CrmUser(), DummyHash, password);
            return await FailAsync(userName, via, "locked out", SignInErrors.Credentials, ct);
        }
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
