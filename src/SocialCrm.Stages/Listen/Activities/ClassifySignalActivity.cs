using System.Text.Json;
using SocialCrm.Persistence;
using SocialCrm.Stages.Shared;
using SocialCrm.Scoring.Intent;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Scoring.Text;
using SocialCrm.Workflows.Activities;

namespace SocialCrm.Stages.Listen.Activities;

/// <summary>Scores sentiment (sentiment.label, .score) and intent (intent.label) with their reasons.</summary>
public sealed class ClassifySignalActivity(CrmDbContext db, ISentimentScorer sentiment, IIntentClassifier intent) : IActivity
{
    public static ActivityDescriptor Descriptor { get; } = ActivityDescriptor.Create(
        "ClassifySignal", "Classifies sentiment and intent.", [ActivityResult.Done]) with { Writes = ["sentiment.label", "sentiment.score", "intent.label", "intent.confidence", "models.sentiment", "models.intent"] };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var signal = await db.SignalOf(context);
        var language = signal.Language ?? "en";
        var text = new AnalysedText(signal.Text, language);
        var s = sentiment.Score(text);
        var i = intent.Classify(text);
        signal.Sentiment = s.Label;
        signal.SentimentScore = s.Score;
        signal.Intent = i.Label;
        signal.ReasonsJson = JsonSerializer.Serialize(new
        {
            sentiment = s.Reasons.Select(r => r.Reason),
            intent = i.Reasons.Select(r => r.Reason),
            models = new { sentiment = sentiment.ModelName, intent = intent.ModelName },
        });
        context.Set("sentiment.label", s.Label);
        context.Set("sentiment.score", s.Score);
        context.Set("intent.label", i.Label);
        context.Set("intent.confidence", i.Confidence);
        context.Set("models.sentiment", sentiment.ModelName);
        context.Set("models.intent", intent.ModelName);
        return ActivityResult.Completed(detail: $"{s.Label} {s.Score:0.00}, {i.Label}");
    }
}
