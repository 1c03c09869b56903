using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Customers;
using SocialCrm.Domain.Workplace;
using SocialCrm.Stages.Settings;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Act.Connections;
using SocialCrm.Stages.Act.RecordAction;
using SocialCrm.Stages.Customers;
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

    public async Task PostWaveAsync(TopicWave wave, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IngestSignalHandler>().HandleAsync(world.WavePost(wave, clock.GetUtcNow()), ct);
    }

    /// <summary>
    /// Plays the CRM back office, once: the customers it knows (buyers, and those who agreed to be contacted) are
    /// sent through the back office's API handler (as PUT /api/customers/{externalId} does) before they post, with
    /// their revenue, consent and the date they became customers. Strangers are created by the listen stage; one the
    /// listen stage created before the sync is merged into its back-office record by the handler.
    /// </summary>
    public async Task SyncCustomersAsync(CancellationToken ct)
    {
        if (_synced) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var handler = scope.ServiceProvider.GetRequiredService<UpsertCustomerHandler>();
        var sent = (await db.Customers.Where(c => c.ExternalId != null).Select(c => c.ExternalId!).ToListAsync(ct)).ToHashSet();
        var now = clock.GetUtcNow();
        foreach (var sim in world.Customers.Where(c => c.InBackOffice && !sent.Contains(ExternalIdOf(c))))
        {
            var since = now.AddDays(-sim.CustomerForDays);
            await handler.HandleAsync(ExternalIdOf(sim), new CustomerRecordInput
            {
                Name = sim.Name,
                LifetimeRevenue = sim.LifetimeRevenue,
                Purchases = sim.LifetimeRevenue > 0 ? [new PurchaseInput { OrderNumber = $"{ExternalIdOf(sim)}-1", Amount = sim.LifetimeRevenue, PurchasedAt = since }] : [],
                Consent = new ConsentsInput { Connect = new ConsentInput { Given = sim.Consent, At = since, Source = "simulated back office" } },
                Identities = [new IdentityInput { Platform = sim.Platform, Handle = sim.Handle }],
            }, Actor, ct);
        }
        _synced = true;
    }

    private const string Actor = "simulator";

    private static string ExternalIdOf(SimulatedCustomer sim) => $"sim-{sim.Platform}-{sim.Handle}";

    /// <summary>The back office reports a purchase (through the same handler): the customer's purchases and lifetime revenue grow.</summary>
    private async Task RecordPurchaseAsync(IServiceProvider services, SimulatedCustomer sim, double amount, CancellationToken ct)
    {
        var externalId = ExternalIdOf(sim);
        var known = await services.GetRequiredService<CustomerRecordQuery>().GetAsync(externalId, ct);
        var purchases = known?.Purchases.Select(p => new PurchaseInput { OrderNumber = p.OrderNumber, Amount = p.Amount, PurchasedAt = p.PurchasedAt }).ToList() ?? [];
        purchases.Add(new PurchaseInput { OrderNumber = $"{externalId}-{purchases.Count + 1}", Amount = amount, PurchasedAt = clock.GetUtcNow() });
        await services.GetRequiredService<UpsertCustomerHandler>().HandleAsync(externalId, new CustomerRecordInput
        {
            Name = sim.Name,
            LifetimeRevenue = (known?.LifetimeRevenue ?? 0) + amount,
            Purchases = purchases,
            Consent = known is null ? null : new ConsentsInput { Connect = new ConsentInput { Given = known.Connect.Given, At = known.Connect.At ?? clock.GetUtcNow().UtcDateTime, Source = known.Connect.Source ?? "simulated back office" } },
            Identities = [new IdentityInput { Platform = sim.Platform, Handle = sim.Handle }],
        }, Actor, ct);
    }

    /// <summary>
    /// The simulated agents are available from the start and work the cases auto-assignment gives them, once those have
    /// waited AgentDelaySeconds (the time to read a brief). In a queue without auto-assignment they take cases nobody
    /// has claimed after that delay, so a person can beat them to it. They reply as the brief recommends, and ask
    /// valuable customers to connect where that is allowed.
    /// </summary>
    public async Task<int> ActAsAgentsAsync(CancellationToken ct)
    {
        if (!options.Agents) return 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        await EnsureAgentsAsync(db, ct);
        var handler = scope.ServiceProvider.GetRequiredService<RecordAgentActionHandler>();
        var connections = scope.ServiceProvider.GetRequiredService<ConnectionRules>();
        var settings = (await scope.ServiceProvider.GetRequiredService<SettingsStore>().CurrentAsync(ct)).Values;
        var manual = CaseQueues.All.Where(q => !settings.Queue(q).AutoAssign).ToList();
        var before = clock.GetUtcNow().UtcDateTime.AddSeconds(-options.AgentDelaySeconds);
        var waiting = await db.Cases.AsNoTracking()
            .Where(c => c.Status == CaseStatus.AwaitingAgent
                && ((c.AssignedAgent != null && c.AssignedAgent.StartsWith(AgentPrefix) && c.ClaimedAt <= before)
                    || (c.AssignedAgent == null && manual.Contains(c.Queue) && c.CreatedAt <= before)))
            .OrderBy(c => c.CreatedAt)
            .Join(db.CaseBriefs, c => c.Id, b => b.CaseId, (c, b) => new { c.Id, c.CustomerId, c.SignalId, c.AssignedAgent, b.RecommendedReplyKind, b.ValueScore })
            .Join(db.Signals, x => x.SignalId, s => s.Id, (x, s) => new { x.Id, x.CustomerId, x.AssignedAgent, x.RecommendedReplyKind, x.ValueScore, s.Platform })
            .Take(50).ToListAsync(ct);
        var acted = 0;
        foreach (var c in waiting)
        {
            var ignore = world.NextDouble() < 0.05;
            var connect = !ignore && c.ValueScore >= 0.4 && await connections.WhyNotAsync(c.CustomerId, c.Platform, ct) is null;
            var result = await handler.HandleAsync(c.Id, new AgentActionInput
            {
                Agent = c.AssignedAgent ?? $"{AgentPrefix}{(Math.Abs(c.Id.GetHashCode()) % Math.Max(1, options.AgentCount)) + 1}",
                Action = ignore ? AgentActions.Ignore : AgentActions.Reply,
                Reason = ignore ? "not for us" : null,
                ReplyKind = world.NextDouble() < options.OverrideShare ? Other(c.RecommendedReplyKind) : c.RecommendedReplyKind,
                RequestConnection = connect,
            }, ct);
            if (result.Status == RecordActionStatus.Accepted) acted++;
        }
        return acted;
    }

    public const string AgentPrefix = SocialCrm.Stages.Assignment.AutoAssigner.SimulatedPrefix;
    private bool _agentsReady;
    private DateTime _agentsTouched;

    /// <summary>
    /// The simulated agents' profiles: available, with their capacity, every queue; touched every minute, as
    /// auto-assignment gives cases to simulated agents only while the simulator runs.
    /// </summary>
    private async Task EnsureAgentsAsync(CrmDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_agentsReady && now - _agentsTouched < TimeSpan.FromMinutes(1)) return;
        _agentsTouched = now;
        if (_agentsReady)
        {
            await db.AgentProfiles.Where(p => p.UserName.StartsWith(AgentPrefix)).ExecuteUpdateAsync(s => s.SetProperty(p => p.AvailabilityChangedAt, now), ct);
            return;
        }
        var names = Enumerable.Range(1, Math.Max(1, options.AgentCount)).Select(i => $"{AgentPrefix}{i}").ToList();
        var known = await db.AgentProfiles.Where(p => names.Contains(p.UserName)).Select(p => p.UserName).ToListAsync(ct);
        foreach (var name in names.Except(known))
            db.AgentProfiles.Add(new AgentProfile { UserName = name, Availability = Availability.Available, AvailabilityChangedAt = now, Capacity = options.AgentCapacity });
        await db.SaveChangesAsync(ct);
        await db.AgentProfiles.Where(p => names.Contains(p.UserName))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Availability, Availability.Available).SetProperty(p => p.Capacity, options.AgentCapacity).SetProperty(p => p.AvailabilityChangedAt, now), ct);
        _agentsReady = true;
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
                await RecordPurchaseAsync(scope.ServiceProvider, customer, world.NextOrderValue(), ct);
            if (world.NextDouble() > options.FollowUpProbability) continue;
            await ingest.HandleAsync(world.FollowUp(customer, message.PlatformMessageId, happy, clock.GetUtcNow()), ct);
        }
    }
}
