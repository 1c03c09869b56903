using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Customers;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Act.Connections;
using SocialCrm.Stages.Act.RecordAction;
using SocialCrm.Stages.Listen.Ingest;
using SocialCrm.Stages.Measure.AnswerConnection;

namespace SocialCrm.Simulation;

/// <summary>
/// One tick of the simulated world: customers post, the CRM back office syncs what it knows of them, agents work
/// the inbox, and customers answer our replies and connection requests, and some buy again — so all four stages run
/// unattended.
/// </summary>
public sealed class SimulationRunner(IServiceScopeFactory scopes, SimulatedWorld world, SimulationOptions options, TimeProvider clock)
{
    private readonly HashSet<Guid> _considered = [];
    private bool _synced;

    public async Task<Guid> PostSignalAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IngestSignalHandler>().HandleAsync(world.NextSignal(clock.GetUtcNow()), ct);
        return result.SignalId;
    }

    /// <summary>
    /// Plays the CRM back office, once: the customers it knows (buyers, and those who agreed to be contacted) are in
    /// the CRM before they post, with their revenue, consent and the date they became customers. Strangers are
    /// created by the listen stage. Customers the listen stage created before the sync get their record filled in.
    /// </summary>
    public async Task SyncCustomersAsync(CancellationToken ct)
    {
        if (_synced) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var known = await db.SocialIdentities.Join(db.Customers, i => i.CustomerId, c => c.Id, (i, c) => new { i.Platform, i.Handle, Customer = c })
            .ToDictionaryAsync(x => (x.Platform, x.Handle), x => x.Customer, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var sim in world.Customers.Where(c => c.InBackOffice))
        {
            if (!known.TryGetValue((sim.Platform, sim.Handle), out var customer))
            {
                customer = new Customer { DisplayName = sim.Name };
                db.Customers.Add(customer);
                db.SocialIdentities.Add(new SocialIdentity { CustomerId = customer.Id, Platform = sim.Platform, Handle = sim.Handle, DisplayName = sim.Name, Followers = sim.Followers });
            }
            else if (customer.LifetimeRevenue > 0 || customer.ConsentToConnect) continue;
            customer.LifetimeRevenue = sim.LifetimeRevenue;
            customer.ConsentToConnect = sim.Consent;
            customer.FirstSeenAt = now.AddDays(-sim.CustomerForDays);
        }
        using (await scope.ServiceProvider.GetRequiredService<StoreWriteGate>().EnterAsync(ct))
            await db.SaveChangesAsync(ct);
        _synced = true;
    }

    /// <summary>The back office reports a purchase: the customer's lifetime revenue grows.</summary>
    private static async Task RecordPurchaseAsync(CrmDbContext db, StoreWriteGate gate, string platform, string handle, double amount, CancellationToken ct)
    {
        using var _ = await gate.EnterAsync(ct);
        var customerId = await db.SocialIdentities.Where(i => i.Platform == platform && i.Handle == handle).Select(i => i.CustomerId).SingleAsync(ct);
        await db.Customers.Where(c => c.Id == customerId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LifetimeRevenue, c => c.LifetimeRevenue + amount), ct);
    }

    /// <summary>
    /// Agents take cases that no person has claimed and that waited long enough (AgentDelaySeconds, so a person can
    /// beat them to it), reply as the brief recommends, and ask valuable customers to connect where that is allowed.
    /// </summary>
    public async Task<int> ActAsAgentsAsync(CancellationToken ct)
    {
        if (!options.Agents) return 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var handler = scope.ServiceProvider.GetRequiredService<RecordAgentActionHandler>();
        var connections = scope.ServiceProvider.GetRequiredService<ConnectionRules>();
        var before = clock.GetUtcNow().UtcDateTime.AddSeconds(-options.AgentDelaySeconds);
        var waiting = await db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.AwaitingAgent && c.AssignedAgent == null && c.CreatedAt <= before).OrderBy(c => c.CreatedAt)
            .Join(db.CaseBriefs, c => c.Id, b => b.CaseId, (c, b) => new { c.Id, c.CustomerId, c.SignalId, b.RecommendedReplyKind, b.ValueScore })
            .Join(db.Signals, x => x.SignalId, s => s.Id, (x, s) => new { x.Id, x.CustomerId, x.RecommendedReplyKind, x.ValueScore, s.Platform })
            .Take(50).ToListAsync(ct);
        var acted = 0;
        foreach (var c in waiting)
        {
            var ignore = world.NextDouble() < 0.05;
            var connect = !ignore && c.ValueScore >= 0.4 && await connections.WhyNotAsync(c.CustomerId, c.Platform, ct) is null;
            var result = await handler.HandleAsync(c.Id, new AgentActionInput
            {
                Agent = $"sim-agent-{(Math.Abs(c.Id.GetHashCode()) % 5) + 1}",
                Action = ignore ? AgentActions.Ignore : AgentActions.Reply,
                Reason = ignore ? "not for us" : null,
                ReplyKind = world.NextDouble() < options.OverrideShare ? Other(c.RecommendedReplyKind) : c.RecommendedReplyKind,
                RequestConnection = connect,
            }, ct);
            if (result.Status == RecordActionStatus.Accepted) acted++;
        }
        return acted;
    }

    private static string Other(string kind) => kind == "personalised" ? "standard" : "personalised";

    /// <summary>
    /// Customers answer replies (CustomerResponse: happier after a personalised one, the more so the more they value
    /// us), some buy again (before they post their follow-up, so the measure stage sees it), and they answer
    /// connection requests.
    /// </summary>
    public async Task ActAsCustomersAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var sent = await db.OutgoingMessages.AsNoTracking().Where(m => m.Sender == "sandbox" && (m.Answer == null || m.Answer == ConnectionAnswers.Pending))
            .OrderByDescending(m => m.SentAt).Take(200).ToListAsync(ct);
        var caseIds = sent.Select(m => m.CaseId).Distinct().ToList();
        var intents = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).Join(db.Signals, c => c.SignalId, s => s.Id, (c, s) => new { c.Id, s.Intent })
            .ToDictionaryAsync(x => x.Id, x => x.Intent ?? "other", ct);
        var ingest = scope.ServiceProvider.GetRequiredService<IngestSignalHandler>();
        var answer = scope.ServiceProvider.GetRequiredService<AnswerConnectionRequestHandler>();
        var gate = scope.ServiceProvider.GetRequiredService<StoreWriteGate>();
        foreach (var message in sent.Where(m => _considered.Add(m.Id)))
        {
            if (!world.ByHandle.TryGetValue((message.Platform, message.Recipient), out var customer)) continue;
            if (message.Kind == OutgoingKinds.ConnectionRequest)
            {
                await answer.HandleAsync(message.Id, world.NextDouble() < CustomerResponse.AcceptProbability(customer.TrueValue), ct);
                continue;
            }
            var happy = world.NextDouble() < CustomerResponse.HappyProbability(message.ReplyKind == "personalised", customer.TrueValue, intents.GetValueOrDefault(message.CaseId, "other"));
            if (world.NextDouble() < CustomerResponse.BuyAgainProbability(customer.TrueValue, happy))
                await RecordPurchaseAsync(db, gate, message.Platform, message.Recipient, world.NextOrderValue(), ct);
            if (world.NextDouble() > options.FollowUpProbability) continue;
            await ingest.HandleAsync(world.FollowUp(customer, message.PlatformMessageId, happy, clock.GetUtcNow()), ct);
        }
    }
}
