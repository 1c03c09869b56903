using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialCrm.Persistence;
using SocialCrm.Scoring.Sentiment;

namespace SocialCrm.Stages.Models;

public static class ModelKinds
{
    public const string Sentiment = "sentiment";
}

/// <summary>
/// The scorers the stages use now: the active trained version of each model where there is one, else the
/// baseline. Reloaded when the active version in the store changes (training promotes, an admin restores).
/// </summary>
public sealed class ModelRegistry(IServiceScopeFactory scopes, LexiconSentimentBaseline baseline, ILogger<ModelRegistry> log)
{
    private volatile ISentimentScorer _sentiment = baseline;
    private string? _sentimentVersion;

    public ISentimentScorer Sentiment => _sentiment;

    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var active = await db.TrainedModels.AsNoTracking().Where(m => m.Kind == ModelKinds.Sentiment && m.IsActive)
            .Select(m => m.Version).SingleOrDefaultAsync(ct);
        if (active == _sentimentVersion) return;
        if (active is null)
        {
            _sentiment = baseline;
        }
        else
        {
            var json = await db.TrainedModels.AsNoTracking().Where(m => m.Kind == ModelKinds.Sentiment && m.Version == active).Select(m => m.ModelJson).SingleAsync(ct);
            _sentiment = TrainedSentimentModel.FromJson(json);
        }
        _sentimentVersion = active;
        log.LogInformation("sentiment model now {Model}", _sentiment.ModelName);
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
