using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Models;

namespace SocialCrm.Stages.Models;

/// <summary>Versions of trained models: save one (active or not), list them, make an earlier one active again.</summary>
public sealed class ModelStore(CrmDbContext db, TimeProvider clock)
{
    public async Task<TrainedModelRecord> SaveAsync(string kind, string version, string trainer, string modelJson, string metricsJson, string trainingData, bool activate, CancellationToken ct)
    {
        var record = new TrainedModelRecord
        {
            Kind = kind, Version = version, Trainer = trainer, ModelJson = modelJson, MetricsJson = metricsJson, TrainingData = trainingData, TrainedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.TrainedModels.Add(record);
        if (activate) await DeactivateAsync(kind, ct);
        record.IsActive = activate;
        await db.SaveChangesAsync(ct);
        return record;
    }

    public Task<List<TrainedModelRecord>> ListAsync(string kind, CancellationToken ct) =>
        db.TrainedModels.AsNoTracking().Where(m => m.Kind == kind).OrderByDescending(m => m.TrainedAt)
            .Select(m => new TrainedModelRecord { Id = m.Id, Kind = m.Kind, Version = m.Version, Trainer = m.Trainer, MetricsJson = m.MetricsJson, TrainingData = m.TrainingData, TrainedAt = m.TrainedAt, IsActive = m.IsActive })
            .ToListAsync(ct);

    public Task<TrainedModelRecord?> GetAsync(string kind, string version, CancellationToken ct) =>
        db.TrainedModels.AsNoTracking().SingleOrDefaultAsync(m => m.Kind == kind && m.Version == version, ct);

    /// <summary>
    /// Makes each shipped model the active version of its kind where the store has no version of that kind at all; an
    /// install that trained its own, or went back to the baseline on purpose, keeps what it chose. Answers what it added.
    /// </summary>
    public async Task<IReadOnlyList<string>> SeedShippedAsync(IEnumerable<ShippedModel> shipped, CancellationToken ct)
    {
        var added = new List<string>();
        foreach (var model in shipped)
        {
            if (await db.TrainedModels.AnyAsync(m => m.Kind == model.Kind, ct)) continue;
            await SaveAsync(model.Kind, model.Version, model.Trainer, model.ModelJson, model.MetricsJson, model.TrainingData, activate: true, ct);
            added.Add($"{model.Kind} {model.Version}");
        }
        return added;
    }

    public Task<string?> ActiveJsonAsync(string kind, CancellationToken ct) =>
        db.TrainedModels.AsNoTracking().Where(m => m.Kind == kind && m.IsActive).Select(m => m.ModelJson).SingleOrDefaultAsync(ct);

    /// <summary>Makes the version active again (the previous one, after a bad promotion); "baseline" deactivates all.</summary>
    public async Task RestoreAsync(string kind, string version, CancellationToken ct)
    {
        if (version == "baseline")
        {
            await DeactivateAsync(kind, ct);
            await db.SaveChangesAsync(ct);
            return;
        }
        var target = await db.TrainedModels.SingleOrDefaultAsync(m => m.Kind == kind && m.Version == version, ct)
            ?? throw new KeyNotFoundException($"no {kind} model version {version}");
        await DeactivateAsync(kind, ct);
        target.IsActive = true;
        await db.SaveChangesAsync(ct);
    }

    private async Task DeactivateAsync(string kind, CancellationToken ct)
    {
        foreach (var active in await db.TrainedModels.Where(m => m.Kind == kind && m.IsActive).ToListAsync(ct)) active.IsActive = false;
    }
}
