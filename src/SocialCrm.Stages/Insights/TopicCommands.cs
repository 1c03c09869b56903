using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Persistence;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Insights;

/// <summary>What an admin changes on a topic (all three optional; a null leaves it as it is).</summary>
public sealed record TopicChange(string? Name, bool? Hidden, Guid? MergeInto, bool Unmerge = false);

/// <summary>The people's side of topics: an admin names, hides or merges a topic; an analyst or admin acknowledges an alert. All audited.</summary>
public sealed class TopicCommands(CrmDbContext db, AuditLog audit, TimeProvider clock, InsightsService insights, InsightsOptions options)
{
    /// <summary>Recomputes the topics now and checks for spikes, for a person who asked (audited).</summary>
    public async Task<RecomputeResult> RecomputeAsync(string actor, CancellationToken ct)
    {
        var result = (await insights.RunOnceAsync(force: true, ct))!;
        await audit.WriteAsync(actor, AuditActions.TopicsRecomputed, "topics", $"{result.Posts} posts, {result.Topics} topics, {result.NewTopics} new", ct);
        return result;
    }

    /// <summary>Null when the topic does not exist; otherwise the problems in words (empty: done).</summary>
    public async Task<Dictionary<string, string[]>?> ChangeAsync(Guid id, TopicChange change, string actor, CancellationToken ct)
    {
        var topic = await db.Topics.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (topic is null) return null;
        var problems = new Dictionary<string, string[]>();
        if (change.Name is { } name && (name.Trim().Length is 0 or > 200)) problems["name"] = ["a topic's name has 1 to 200 characters"];
        if (change.MergeInto is { } into)
        {
            var target = await db.Topics.AsNoTracking().SingleOrDefaultAsync(t => t.Id == into, ct);
            if (target is null) problems["mergeInto"] = [$"there is no topic {into}"];
            else if (into == id) problems["mergeInto"] = ["a topic cannot be merged into itself"];
            else if (target.MergedIntoId is not null || target.Hidden) problems["mergeInto"] = [$"'{target.DisplayName}' is itself merged into another topic or hidden: merge into a shown topic"];
            else if (await db.Topics.AnyAsync(t => t.MergedIntoId == id, ct)) problems["mergeInto"] = [$"other topics are merged into '{topic.DisplayName}': merge them into '{target.DisplayName}' first, or unmerge them"];
        }
        if (problems.Count > 0) return problems;

        var was = topic.DisplayName;
        var done = new List<string>();
        if (change.Name is { } newName) { topic.Name = newName.Trim(); done.Add($"named '{topic.Name}'"); }
        if (change.Hidden is { } hidden) { topic.Hidden = hidden; done.Add(hidden ? "hidden" : "shown again"); }
        if (change.MergeInto is { } mergeInto) { topic.MergedIntoId = mergeInto; done.Add($"merged into {mergeInto}"); }
        else if (change.Unmerge) { topic.MergedIntoId = null; done.Add("unmerged"); }
        if (done.Count == 0) return problems;
        audit.Add(actor, AuditActions.TopicChanged, $"topic {id}", $"'{was}': {string.Join(", ", done)}");
        await db.SaveChangesAsync(ct);
        return problems;
    }

    /// <summary>The alert webhook (null: none), and whether deliveries can be signed (the secret is configured).</summary>
    public async Task<(string? Url, string? SetBy, DateTime? SetAt, bool CanSign)> WebhookAsync(CancellationToken ct)
    {
        var hook = await db.AlertWebhooks.AsNoTracking().SingleOrDefaultAsync(ct);
        return (hook is { Url.Length: > 0 } ? hook.Url : null, hook?.UpdatedBy, hook?.UpdatedAt, options.AlertWebhookSecret.Length > 0);
    }

    /// <summary>Sets (or with an empty URL, removes) the alert webhook; the problems in words, empty when done. Audited.</summary>
    public async Task<Dictionary<string, string[]>> SetWebhookAsync(string? url, string actor, CancellationToken ct)
    {
        url = url?.Trim() ?? "";
        if (url.Length > 0 && options.AlertWebhookSecret.Length == 0)
            return new() { ["url"] = ["alerts cannot be signed: set SocialCrm:Insights:AlertWebhookSecret in the configuration (or a secret store) first"] };
        if (url.Length > 0 && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || url.Length > 2000))
            return new() { ["url"] = [$"'{url}' is not an http(s) address such as https://chat.example.com/hooks/alerts"] };
        if (url.Length > 0 && url.StartsWith("http:", StringComparison.OrdinalIgnoreCase) && !options.AlertWebhookAllowHttp)
            return new() { ["url"] = ["alerts go out over https only (the body is readable on the way over plain http); set SocialCrm:Insights:AlertWebhookAllowHttp for a receiver on a private network"] };
        var hook = await db.AlertWebhooks.SingleOrDefaultAsync(ct);
        if (hook is null) db.AlertWebhooks.Add(hook = new Domain.Insights.AlertWebhook());
        hook.Url = url;
        hook.UpdatedBy = actor;
        hook.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        audit.Add(actor, AuditActions.AlertWebhookSet, "alert webhook", url.Length == 0 ? "removed" : url);
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>False when there is no such alert; acknowledging twice keeps the first person and time.</summary>
    public async Task<bool> AcknowledgeAsync(Guid alertId, string actor, CancellationToken ct)
    {
        var alert = await db.TopicAlerts.SingleOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is null) return false;
        if (alert.AcknowledgedAt is not null) return true;
        alert.AcknowledgedAt = clock.GetUtcNow().UtcDateTime;
        alert.AcknowledgedBy = actor;
        audit.Add(actor, AuditActions.TopicAlertAcknowledged, $"alert {alertId}", alert.Reason);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
