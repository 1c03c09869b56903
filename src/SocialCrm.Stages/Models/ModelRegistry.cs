using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialCrm.Persistence;
using SocialCrm.Scoring.Intent;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Scoring.Value;

namespace SocialCrm.Stages.Models;

/// <summary>
/// The scorers the stages use now: the active trained version of each model where there is one, else the
/// baseline. Reloaded when the active version in the store changes (training promotes, an admin restores).
/// </summary>
public sealed class ModelRegistry(IServiceScopeFactory scopes, ILogger<ModelRegistry> log)
{
    private readonly Dictionary<string, (string? Version, object Scorer)> _current =
        ModelKinds.All.ToDictionary(k => k, k => ((string?)null, ModelKinds.Baseline(k)));
    private readonly Lock _lock = new();

    public ISentimentScorer Sentiment => Get<ISentimentScorer>(ModelKinds.Sentiment);
    public IIntentClassifier Intent => Get<IIntentClassifier>(ModelKinds.Intent);
    public ICustomerValueScorer Value => Get<ICustomerValueScorer>(ModelKinds.Value);
    public IReplyKindAdvisor ReplyKind => Get<IReplyKindAdvisor>(ModelKinds.ReplyKind);

    private T Get<T>(string kind)
    {
        lock (_lock) return (T)_current[kind].Scorer;
    }

    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var active = await db.TrainedModels.AsNoTracking().Where(m => m.IsActive).Select(m => new { m.Kind, m.Version }).ToListAsync(ct);
        foreach (var kind in ModelKinds.All)
        {
            var version = active.FirstOrDefault(m => m.Kind == kind)?.Version;
            lock (_lock)
                if (_current[kind].Version == version) continue;
            string? why = null;
            var scorer = version is null ? ModelKinds.Baseline(kind)
                : ModelKinds.TryFromJson(kind, await db.TrainedModels.AsNoTracking().Where(m => m.Kind == kind && m.Version == version).Select(m => m.ModelJson).SingleAsync(ct), out why);
            if (scorer is null)
                log.LogWarning("the active {Kind} model {Version} cannot be used ({Why}); the baseline scores until it is trained again", kind, version, why);
            lock (_lock) _current[kind] = (version, scorer ?? ModelKinds.Baseline(kind));
            log.LogInformation("{Kind} model now {Version}", kind, scorer is null ? "baseline" : version);
        }
    }
}

/// <summary>Looks for a newly active model version every 30 seconds.</summary>
public sealed class ModelRefreshService(ModelRegistry registry, ILogger<ModelRefreshService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try { await registry.RefreshAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException) { log.LogWarning(e, "models could not be refreshed"); }
        }
    }
}
