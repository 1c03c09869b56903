using SocialCrm.Stages.Customers;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Analyse.Activities;

/// <summary>Gathers the customer's profile, recent history and channels into customer.* and history.*.</summary>
public sealed class GatherHistoryActivity(CrmDbContext db, TimeProvider clock, CustomerLinks links) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "GatherHistory", "Gathers the customer's history, profile and channels.", [ActivityResult.Done],
        new InputDescriptor("days", InputKind.Number, false, "how far back 'recent' reaches (default 30)")) with { Writes = ["customer.id", "customer.name", "customer.status", "customer.revenue", "customer.tenureDays", "customer.consent", "customer.followers", "history.channels", "history.recentSignals", "history.recentComplaints", "history.earlierCases", "history.lastCaseAt"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ct = context.CancellationToken;
        // The listen stage named the customer; a merge since then moved everything to another record: follow it.
        var customer = await links.LiveAsync(context.RequireGuid("customer.id"), ct);
        var customerId = customer.Id;
        context.Set("customer.id", customerId);
        var signalId = context.RequireGuid("signal.id");
        var days = context.GetNumber("days") ?? 30;
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-days);

        var identities = await db.SocialIdentities.AsNoTracking().Where(i => i.CustomerId == customerId)
            .Select(i => new { i.Platform, i.Followers }).ToListAsync(ct);
        var recent = await db.Signals.AsNoTracking()
            .Where(s => s.CustomerId == customerId && s.Id != signalId && s.PostedAt >= since)
            .Select(s => s.Intent).ToListAsync(ct);
        // How many earlier cases and when the last one was, in one query (this runs for every signal).
        var earlier = await db.Cases.Where(c => c.CustomerId == customerId).GroupBy(c => c.CustomerId)
            .Select(g => new { Count = g.Count(), Last = (DateTime?)g.Max(c => c.CreatedAt) }).SingleOrDefaultAsync(ct);
        var (earlierCases, lastCaseAt) = (earlier?.Count ?? 0, earlier?.Last);

        context.Set("customer.name", customer.DisplayName);
        context.Set("customer.status", (int)customer.Status);
        context.Set("customer.revenue", customer.LifetimeRevenue);
        context.Set("customer.tenureDays", Math.Max(0, (clock.GetUtcNow().UtcDateTime - customer.FirstSeenAt).TotalDays));
        context.Set("customer.consent", customer.ConsentToConnect);
        context.Set("customer.followers", identities.Count == 0 ? 0 : identities.Max(i => i.Followers));
        context.Set("history.channels", string.Join(", ", identities.Select(i => i.Platform).Distinct()));
        context.Set("history.recentSignals", recent.Count);
        context.Set("history.recentComplaints", recent.Count(i => i == "complaint"));
        context.Set("history.earlierCases", earlierCases);
        context.Set("history.lastCaseAt", lastCaseAt);
        return ActivityResult.Completed(detail: $"{recent.Count} signals in {days:0} days, {earlierCases} earlier cases");
    }
}
