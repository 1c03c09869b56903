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
    SentimentResult Score(AnalysedText text);
}

public static class SentimentScorerExtensions
{
    /// <summary>For one text on its own; a caller with several scorers shares one AnalysedText instead.</summary>
    public static SentimentResult Score(this ISentimentScorer scorer, string text, string language) => scorer.Score(new AnalysedText(text, language));
}
