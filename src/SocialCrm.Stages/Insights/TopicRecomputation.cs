using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SocialCrm.Domain.Insights;
using SocialCrm.Persistence;
using SocialCrm.Scoring.Topics;

namespace SocialCrm.Stages.Insights;

public sealed record RecomputeResult(int Posts, int Topics, int NewTopics, int Moved, TimeSpan Took);

/// <summary>
/// Finds the topics of the last WindowDays of posts and stores them with each post's topic. It continues from the
/// stored clusters (a warm start), so a topic keeps its id, and with it an admin's name, merge or hide, for as long as
/// its cluster is about the same matter (the same key, or a fifth of its terms in common).
/// </summary>
public sealed class TopicRecomputation(CrmDbContext db, InsightsOptions options, TopicState state, TimeProvider clock, ILogger<TopicRecomputation> log)
{
    public async Task<RecomputeResult> RunAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-options.WindowDays);
        var rows = await (from s in db.Signals.AsNoTracking()
                          where s.PostedAt >= since && s.PostedAt <= now && s.RemovedAt == null
                          join st in db.SignalTopics on s.Id equals st.SignalId into placed
                          from st in placed.DefaultIfEmpty()
                          orderby s.PostedAt, s.Id
                          select new { s.Id, s.Text, s.Language, s.PostedAt, Cluster = st == null ? -1 : st.Cluster, TopicId = st == null ? (Guid?)null : st.TopicId })
            .ToListAsync(ct);
        var documents = rows.Select(r => new TopicDocument(r.Text, r.Language, r.PostedAt)).ToList();
        var warm = rows.Any(r => r.Cluster >= 0);
        var model = TopicDiscovery.Discover(documents, start: warm ? rows.Select(r => r.Cluster).ToList() : null);

        var byCluster = (await db.Topics.Where(t => t.Cluster != null).ToListAsync(ct)).ToDictionary(t => t.Cluster!.Value);
        var ids = new List<Guid>();
        var created = 0;
        foreach (var found in model.Topics)
        {
            if (!byCluster.Remove(found.Cluster, out var topic) || !SameMatter(topic, found))
            {
                if (topic is not null) topic.Cluster = null;   // its cluster now holds another matter
                topic = new Topic { Cluster = found.Cluster, FirstSeenAt = now };
                db.Topics.Add(topic);
                created++;
            }
            topic.Key = Cut(found.Key, 200);
            topic.Label = Cut(found.Label, 500);
            topic.TermsJson = JsonSerializer.Serialize(found.Terms);
            topic.ProductsJson = JsonSerializer.Serialize(found.Products);
            topic.OrderTermsJson = JsonSerializer.Serialize(found.OrderTerms);
            topic.Size = found.Size;
            topic.ComputedAt = now;
            ids.Add(topic.Id);
        }
        foreach (var gone in byCluster.Values) gone.Cluster = null;

        var moved = 0;
        for (var d = 0; d < rows.Count; d++)
        {
            var topicId = model.Assignments[d] >= 0 ? ids[model.Assignments[d]] : (Guid?)null;
            var row = rows[d];
            // In no topic before or after (a post whose few words no topic has): nothing to store.
            if ((topicId == row.TopicId && model.Clusters[d] == row.Cluster) || (topicId is null && row.TopicId is null)) continue;
            moved++;
            if (row.TopicId is null) db.SignalTopics.Add(new SignalTopic { SignalId = row.Id, TopicId = topicId!.Value, Cluster = model.Clusters[d] });
            else if (topicId is null) db.SignalTopics.Remove(new SignalTopic { SignalId = row.Id });
            else
            {
                var placed = db.SignalTopics.Attach(new SignalTopic { SignalId = row.Id, TopicId = row.TopicId.Value, Cluster = row.Cluster });
                placed.Entity.TopicId = topicId.Value;
                placed.Entity.Cluster = model.Clusters[d];
            }
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        state.Set(new TopicState.Snapshot(model, ids, now));
        var result = new RecomputeResult(rows.Count, model.Topics.Count, created, moved, watch.Elapsed);
        log.LogInformation("topics recomputed over {Posts} posts of the last {Days} days ({Start}): {Topics} topics, {New} new, {Moved} posts placed anew, in {Seconds:0.0} s",
            result.Posts, options.WindowDays, warm ? "warm" : "cold", result.Topics, result.NewTopics, result.Moved, result.Took.TotalSeconds);
        return result;
    }

    /// <summary>Places the posts that came since the last recomputation in its topics; answers how many it placed.</summary>
    public async Task<int> PlaceNewAsync(CancellationToken ct)
    {
        if (state.Current is not { } current) return 0;
        // Only what came since the last recomputation: it has seen every earlier post, even those it placed in no topic.
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-options.WindowDays);
        var after = current.ComputedAt.AddMinutes(-1);
        var fresh = await db.Signals.AsNoTracking()
            .Where(s => s.PostedAt >= since && s.ReceivedAt >= after && s.RemovedAt == null && !db.SignalTopics.Any(st => st.SignalId == s.Id))
            .Select(s => new { s.Id, s.Text, s.Language, s.PostedAt }).ToListAsync(ct);
        var placed = 0;
        foreach (var s in fresh)
        {
            var topic = current.Model.Assign(new TopicDocument(s.Text, s.Language, s.PostedAt));
            if (topic < 0) continue;
            // Cluster -1: placed by the rule, not by the sampler, so the next recomputation samples it afresh. Started in
            // its topic's cluster, the first posts of a new matter would hold each other there (a sampler's local optimum).
            db.SignalTopics.Add(new SignalTopic { SignalId = s.Id, TopicId = current.TopicIds[topic], Cluster = -1 });
            placed++;
        }
        if (placed > 0) await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return placed;
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    private static bool SameMatter(Topic stored, DiscoveredTopic found)
    {
        if (stored.Key == found.Key) return true;
        var before = JsonSerializer.Deserialize<string[]>(stored.TermsJson) ?? [];
        var common = before.Intersect(found.Terms).Count();
        return common * 5 >= Math.Max(1, Math.Min(before.Length, found.Terms.Count));
    }
}
