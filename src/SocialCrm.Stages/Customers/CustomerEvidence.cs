using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Customers;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Customers;

/// <summary>First-party evidence of who wrote a private message: it names one back-office customer's e-mail or order number.</summary>
public sealed record Evidence(Customer Customer, string Why);

/// <summary>
/// Finds the back-office customer a direct message identifies. Only private messages count (a public post quoting an
/// order number could be anyone's), and only an unambiguous match: two customers named, no link.
/// </summary>
public sealed partial class CustomerEvidence(CrmDbContext db)
{
    public async Task<Evidence?> FindAsync(string text, CancellationToken ct)
    {
        var emails = Email().Matches(text).Select(m => m.Value.ToLowerInvariant()).Distinct().Take(5).ToList();
        if (emails.Count > 0)
        {
            var byEmail = await db.Customers.Where(c => c.ExternalId != null && c.Email != null && emails.Contains(c.Email)).Take(2).ToListAsync(ct);
            if (byEmail.Count == 1) return new(byEmail[0], $"gave the e-mail {byEmail[0].Email} in a direct message");
        }
        var orders = OrderNumber().Matches(text).Select(m => m.Value.TrimStart('#')).Where(o => o.Any(char.IsDigit)).Distinct().Take(10).ToList();
        if (orders.Count == 0) return null;
        var hits = await db.Purchases.AsNoTracking().Where(p => orders.Contains(p.OrderNumber)).Select(p => new { p.CustomerId, p.OrderNumber }).Take(10).ToListAsync(ct);
        if (hits.Select(h => h.CustomerId).Distinct().Count() != 1) return null;
        var customer = await db.Customers.SingleAsync(c => c.Id == hits[0].CustomerId, ct);
        return new(customer, $"gave order number {hits[0].OrderNumber} in a direct message");
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"#?[A-Za-z0-9][A-Za-z0-9-]{2,39}")]
    private static partial Regex OrderNumber();
}
