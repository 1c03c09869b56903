using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Stages.Act.RecordAction;
using SocialCrm.Stages.Listen.Ingest;
using SocialCrm.Stages.Measure.AnswerConnection;

namespace SocialCrm.Simulation;

/// <summary>
/// One tick of the simulated world: customers post, the CRM back office syncs what it knows of them, agents work
/// the inbox, and customers answer our replies and connection requests — so all four stages run unattended.
/// </summary>
public sealed class SimulationRunner(IServiceScopeFactory scopes, SimulatedWorld world, SimulationOptions options, TimeProvider clock)
{
    private readonly HashSet<Guid> _considered = [];

    public async Task<Guid> PostSignalAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IngestSignalHandler>().HandleAsync(world.NextSignal(clock.GetUtcNow()), ct);
        return result.SignalId;
    }

    /// <summary>Plays the CRM back office: customers the listen stage created get their revenue and consent.</summary>
    public async Task SyncCustomersAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var fresh = await db.Customers.Where(c => c.LifetimeRevenue == 0 && !c.ConsentToConnect)
            .Join(db.SocialIdentities, c => c.Id, i => i.CustomerId, (c, i) => new { Customer = c, i.Platform, i.Handle })
            .OrderBy(x => x.Customer.Id).Take(200).ToListAsync(ct);
        foreach (var row in fresh)
            if (world.ByHandle.TryGetValue((row.Platform, row.Handle), out var sim))
            {
                row.Customer.LifetimeRevenue = sim.LifetimeRevenue;
                row.Customer.ConsentToConnect = sim.Consent;
            }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Agents take cases that waited long enough, reply as the brief recommends, and ask valuable customers to connect.</summary>
    public async Task<int> ActAsAgentsAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var handler = scope.ServiceProvider.GetRequiredService<RecordAgentActionHandler>();
        var before = clock.GetUtcNow().UtcDateTime.AddSeconds(-options.AgentDelaySeconds);
        var waiting = await db.Cases.AsNoTracking().Where(c => c.Status == CaseStatus.AwaitingAgent && c.CreatedAt <= before)
            .Join(db.CaseBriefs, c => c.Id, b => b.CaseId, (c, b) => new { c.Id, b.RecommendedReplyKind, b.ValueScore })
            .Take(50).ToListAsync(ct);
        var acted = 0;
        foreach (var c in waiting)
        {
            var result = await handler.HandleAsync(c.Id, new AgentActionInput
            {
                Agent = $"agent-{(Math.Abs(c.Id.GetHashCode()) % 5) + 1}",
                Action = world.NextDouble() < 0.05 ? AgentActions.Ignore : AgentActions.Reply,
                ReplyKind = world.NextDouble() < options.OverrideShare ? Other(c.RecommendedReplyKind) : c.RecommendedReplyKind,
                RequestConnection = c.ValueScore >= 0.4,
            }, ct);
            if (result.Status == RecordActionStatus.Accepted) acted++;
        }
        return acted;
    }

    private static string Other(string kind) => kind == "personalised" ? "standard" : "personalised";

    /// <summary>Customers answer replies (CustomerResponse: happier after a personalised one, the more so the more they value us) and connection requests.</summary>
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
            if (world.NextDouble() > options.FollowUpProbability) continue;
            var happy = world.NextDouble() < CustomerResponse.HappyProbability(message.ReplyKind == "personalised", customer.TrueValue, intents.GetValueOrDefault(message.CaseId, "other"));
            await ingest.HandleAsync(world.FollowUp(customer, message.PlatformMessageId, happy, clock.GetUtcNow()), ct);
        }
    }
}
