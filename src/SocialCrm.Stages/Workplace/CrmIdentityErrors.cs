using Microsoft.AspNetCore.Identity;

namespace SocialCrm.Stages.Workplace;

/// <summary>Identity's messages where ours differ: user names may hold more than letters and digits.</summary>
public sealed class CrmIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError InvalidUserName(string? userName) => new()
    {
        Code = nameof(InvalidUserName),
        Description = $"'{userName}' is not a valid user name: use letters, digits and - . _ @ + only",
    };
}
