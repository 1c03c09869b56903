using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Stages.Shared;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Analyse.Activities;

/// <summary>Writes the case and the brief an agent will see, from what the analyse workflow worked out.</summary>
public sealed class WriteCaseBriefActivity(CrmDbContext db, Settings.SettingsStore settings, TimeProvider clock) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "WriteCaseBrief", "Writes the case and its brief.", [ActivityResult.Done]) with { Writes = ["case.id"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var signal = await db.SignalOf(context);
        var @case = new Case
        {
            SignalId = signal.Id,
            CustomerId = context.RequireGuid("customer.id"),
            Decision = context.Text("brief.decision") ?? Decisions.Engage,
            Queue = context.Text("case.queue") ?? "social",
            Priority = (int)context.Number("case.priority"),
            CreatedAt = now,
            SlaDueAt = DateTime.Parse(context.RequireString("case.slaDueAt"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        };
        // The SLA's minutes run in the queue's opening hours, where it has them (SetPriority counted them from now).
        if ((await settings.CurrentAsync(context.CancellationToken)).Values.Queue(@case.Queue).Hours is { } hours)
            @case.SlaDueAt = hours.AddMinutes(now, Math.Max(0, (@case.SlaDueAt - now).TotalMinutes));
        var reasons = new JsonArray();
        var signalReasons = JsonNode.Parse(signal.ReasonsJson ?? "{}") as JsonObject ?? [];
        var lists = new[] { ("sentiment", signalReasons["sentiment"]), ("intent", signalReasons["intent"]), ("value", context.Get("value.reasons")) };
        foreach (var (model, list) in lists)
            if (list is JsonArray items)
                foreach (var reason in items) reasons.Add(new JsonObject { ["model"] = model, ["reason"] = reason?.DeepClone() });
        if (context.Text("reply.reason") is { } why) reasons.Add(new JsonObject { ["model"] = "replyKind", ["reason"] = why });

        var brief = new CaseBrief
        {
            CaseId = @case.Id,
            Summary = $"{context.Text("intent.label")} on {signal.Platform}, {context.Text("sentiment.label")}: \"{(signal.Text.Length > 140 ? signal.Text[..140] + "…" : signal.Text)}\"",
            Sentiment = context.Text("sentiment.label") ?? "neutral",
            SentimentScore = context.Number("sentiment.score"),
            Intent = context.Text("intent.label") ?? "other",
            ValueScore = context.Number("value.score"),
            ReasonsJson = reasons.ToJsonString(),
            HistoryJson = (context.Get("history")?.DeepClone() ?? new JsonObject()).ToJsonString(),
            RecommendedReplyKind = context.Text("reply.kind") ?? "standard",
            TemplateKey = context.Text("reply.template"),
            TemplateVersion = context.Get("reply.templateVersion") is null ? null : (int)context.Number("reply.templateVersion"),
            SettingsVersion = context.Get("settings.version") is null ? null : (int)context.Number("settings.version"),
            DraftReply = context.Text("reply.draft") ?? "",
            Models = ModelsUsed(signalReasons["models"] as JsonObject, context.Get("models") as JsonObject),
            FeaturesJson = context.Get("value.features")?.ToJsonString(),
            ReplyGain = context.Get("reply.gain") is null ? null : context.Number("reply.gain"),
            CreatedAt = now,
        };
        db.Cases.Add(@case);
        db.CaseBriefs.Add(brief);
        context.Set("case.id", @case.Id);
        return ActivityResult.Completed(detail: $"case {@case.Id}: {@case.Decision}, P{@case.Priority}, {@case.Queue}");
    }

    /// <summary>Every model behind the brief: those the listen stage scored the signal with, then this stage's.</summary>
    private static string ModelsUsed(JsonObject? listen, JsonObject? analyse)
    {
        var all = new JsonObject();
        foreach (var source in new[] { listen, analyse })
            foreach (var (name, model) in source ?? [])
                all[name] = model?.DeepClone();
        return all.ToJsonString();
    }
}
