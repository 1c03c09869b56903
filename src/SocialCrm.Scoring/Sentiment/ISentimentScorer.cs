using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Sentiment;

/// <summary>Score in -1..+1; Label is negative, neutral or positive.</summary>
public sealed record SentimentResult(string Label, double Score, IReadOnlyList<Explanation> Reasons)
{
    public const string Negative = "negative", Neutral = "neutral", Positive = "positive";

    public static string LabelFor(double score) => score >= 0.05 ? Positive : score <= -0.05 ? Negative : Neutral;
}

public interface ISentimentScorer
{
    string ModelName { get; }
    SentimentResult Score(string text, string language);
}
