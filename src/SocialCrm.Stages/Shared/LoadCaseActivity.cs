using Microsoft.EntityFrameworkCore;
using SocialCrm.Channels;
using SocialCrm.Persistence;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Shared;

/// <summary>Loads a case with its brief, signal and customer into the variables (case.*, brief.*, signal.*, customer.*, channel.*).</summary>
public sealed class LoadCaseActivity(CrmDbContext db) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "LoadCase", "Loads the case, its brief, signal and customer.", [ActivityResult.Done, "Missing"]) with { Writes = ["case.status", "case.priority", "case.tags", "brief.decision", "brief.replyKind", "brief.draft", "brief.value", "signal.id", "signal.platform", "sentiment.score", "intent.label", "customer.id", "customer.name", "customer.status", "customer.consent", "customer.revenue", "channel.connectionKind", "channel.supportsConnection"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var ct = context.CancellationToken;
        var caseId = context.RequireGuid("case.id");
        // One round trip for the four (a stage runs this once per message); all four stay tracked, so the run's
        // later activities find them in the identity map.
        var loaded = await (
            from c in db.Cases
            where c.Id == caseId
            join b in db.CaseBriefs on c.Id equals b.CaseId
            join s in db.Signals on c.SignalId equals s.Id
            join cu in db.Customers on c.CustomerId equals cu.Id
            select new { Case = c, Brief = b, Signal = s, Customer = cu }).SingleOrDefaultAsync(ct);
        if (loaded is null) return ActivityResult.Completed("Missing", $"no case {caseId}");
        var (@case, brief, signal, customer) = (loaded.Case, loaded.Brief, loaded.Signal, loaded.Customer);

        context.Set("case.status", @case.Status);
        context.Set("case.priority", @case.Priority);
        SetTags(context, @case.Tags);
        context.Set("brief.decision", @case.Decision);
        context.Set("brief.replyKind", brief.RecommendedReplyKind);
        context.Set("brief.draft", brief.DraftReply);
        context.Set("brief.value", brief.ValueScore);
        context.Set("signal.id", signal.Id);
        context.Set("signal.platform", signal.Platform);
        context.Set("sentiment.score", signal.SentimentScore ?? 0);
        context.Set("intent.label", signal.Intent);
        context.Set("customer.id", customer.Id);
        context.Set("customer.name", customer.DisplayName);
        context.Set("customer.status", (int)customer.Status);
        context.Set("customer.consent", customer.ConsentToConnect);
        context.Set("customer.revenue", customer.LifetimeRevenue);
        var connectionKind = ChannelCapabilities.ConnectionKind(signal.Platform);
        context.Set("channel.connectionKind", connectionKind);
        context.Set("channel.supportsConnection", connectionKind is not null);
        return ActivityResult.Completed(detail: $"case {@case.Id} ({@case.Status})");
    }

    /// <summary>case.tags, a list a condition can test: contains(case.tags, 'legal').</summary>
    internal static void SetTags(ActivityContext context, string tags) =>
        context.Set("case.tags", new System.Text.Json.Nodes.JsonArray([.. Domain.Cases.CaseTags.Of(tags).Select(t => (System.Text.Json.Nodes.JsonNode?)t)]));
}
