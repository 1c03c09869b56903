using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Customers.Privacy;

public sealed record CustomerMatch(Guid Id, string Name, string? Email, string? ExternalId, IReadOnlyList<string> Accounts, int Cases, Guid? LastCaseId, DateTime? LastCaseAt, DateTime? ErasedAt);

/// <summary>Finds a customer by what a person asking about their data would give: a name, a handle, an e-mail or the back office's id.</summary>
public sealed class CustomerSearch(CrmDbContext db)
{
    public async Task<List<CustomerMatch>> FindAsync(string text, CancellationToken ct)
    {
        var term = SocialCrm.Domain.Text.TextRules.Clean(text).Trim().TrimStart('@').ToLowerInvariant(); // typed in the console's search box as well as sent to the API: cleaned by the rule, not refused
        if (term.Length < 2) return [];
        var found = await db.Customers.AsNoTracking()
            .Where(c => c.MergedIntoId == null && (c.DisplayName.ToLower().Contains(term) || (c.Email != null && c.Email.ToLower().Contains(term))
                        || (c.ExternalId != null && c.ExternalId.ToLower().Contains(term)) || c.Identities.Any(i => i.Handle.ToLower().Contains(term))))
            .OrderBy(c => c.DisplayName).Take(50)
            .Select(c => new
            {
                c.Id, c.DisplayName, c.Email, c.ExternalId, c.ErasedAt,
                Accounts = c.Identities.Select(i => i.Platform + ": @" + i.Handle).ToList(),
                Cases = db.Cases.Count(x => x.CustomerId == c.Id),
                Last = db.Cases.Where(x => x.CustomerId == c.Id).OrderByDescending(x => x.CreatedAt).Select(x => new { x.Id, x.CreatedAt }).FirstOrDefault(),
            }).ToListAsync(ct);
        return found.Select(c => new CustomerMatch(c.Id, c.DisplayName, c.Email, c.ExternalId, c.Accounts, c.Cases, c.Last?.Id, c.Last?.CreatedAt, c.ErasedAt)).ToList();
    }
}
