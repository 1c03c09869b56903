using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Cli.Commands;
using SocialCrm.Domain.Audit;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Simulation;
using SocialCrm.Stages.Hosting;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Channels;

/// <summary>The simulator's back office feeds customers through the back office's handler, as a real one would through the API.</summary>
public class SimulatedBackOfficeTests
{
    [Test]
    public async Task The_simulated_back_office_sends_its_customers_through_the_handler_and_merges_authors_seen_before()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        var simulation = new SimulationOptions { Enabled = false, Customers = 40, Seed = 11 };
        using var host = await CliHost.CreateAsync(new SocialCrmOptions { Database = store.Options }, simulation);
        var world = host.Services.GetRequiredService<SimulatedWorld>();
        var runner = host.Services.GetRequiredService<SimulationRunner>();
        var known = world.Customers.Where(c => c.InBackOffice).ToList();

        // One back-office customer posts before the sync: the listen stage makes a record for the handle first.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var early = new SocialCrm.Domain.Customers.Customer { DisplayName = known[0].Handle, FirstSeenAt = DateTime.UtcNow };
            db.Customers.Add(early);
            db.SocialIdentities.Add(new SocialCrm.Domain.Customers.SocialIdentity { CustomerId = early.Id, Platform = known[0].Platform, Handle = known[0].Handle });
            await db.SaveChangesAsync();
        }
        await runner.SyncCustomersAsync(CancellationToken.None);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            Assert.That(await db.Customers.CountAsync(c => c.ExternalId != null), Is.EqualTo(known.Count));
            Assert.That(await db.Customers.CountAsync(c => c.MergedIntoId == null), Is.EqualTo(known.Count), "the early record was merged, not kept beside");
            var first = await db.Customers.Include(c => c.Identities).SingleAsync(c => c.Identities.Any(i => i.Handle == known[0].Handle));
            Assert.That((first.LifetimeRevenue, first.ConsentToConnect, first.ConnectConsentSource), Is.EqualTo((known[0].LifetimeRevenue, known[0].Consent, "simulated back office")));
            Assert.That(await db.Purchases.CountAsync(), Is.EqualTo(known.Count(c => c.LifetimeRevenue > 0)));
            Assert.That(await db.AuditEntries.CountAsync(a => a.Actor == "simulator" && a.Action == AuditActions.CustomerUpdated), Is.EqualTo(known.Count));
        }
    }
}
