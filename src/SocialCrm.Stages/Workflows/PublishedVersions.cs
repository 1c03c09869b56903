using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;

namespace SocialCrm.Stages.Workflows;

/// <summary>
/// Which version of each workflow is live, read once per <see cref="Settings.LiveSettings.MaxAge"/> window instead
/// of once per run (four reads a signal). A publish in this process is seen at once; one in another process within
/// the window, as with the settings.
/// </summary>
public sealed class PublishedVersions(TimeProvider clock)
{
    private sealed record Held(FrozenDictionary<string, int> Versions, DateTimeOffset LoadedAt);

    // Read and replaced whole by concurrent consumers.
    private Held? _held;
    // Bumped by each publish here: a read begun before it is not kept.
    private int _generation;

    public async Task<int?> OfAsync(CrmDbContext db, string definitionId, CancellationToken ct)
    {
        if (Volatile.Read(ref _held) is not { } held || clock.GetUtcNow() - held.LoadedAt >= Settings.LiveSettings.MaxAge)
        {
            var generation = Volatile.Read(ref _generation);
            var loadedAt = clock.GetUtcNow();
            var rows = await db.WorkflowDefinitions.AsNoTracking()
                .Where(d => d.IsPublished).Select(d => new { d.DefinitionId, d.Version }).ToListAsync(ct);
            held = new Held(rows.ToFrozenDictionary(r => r.DefinitionId, r => r.Version), loadedAt);
            if (Volatile.Read(ref _generation) == generation) Volatile.Write(ref _held, held);
        }
        return held.Versions.TryGetValue(definitionId, out var version) ? version : null;
    }

    /// <summary>A version was published here: the next run reads the store again.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _held, null);
    }
}
