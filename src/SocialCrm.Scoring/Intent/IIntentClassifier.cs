using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Intent;

public sealed record IntentResult(string Label, double Confidence, IReadOnlyList<Explanation> Reasons)
{
    public const string Complaint = "complaint", Question = "question", Praise = "praise", Request = "request", Other = "other";
    public static readonly string[] Labels = [Complaint, Question, Praise, Request, Other];
}

public interface IIntentClassifier
{
    string ModelName { get; }
    IntentResult Classify(AnalysedText text);
}

public static class IntentClassifierExtensions
{
    public static IntentResult Classify(this IIntentClassifier classifier, string text, string language) => classifier.Classify(new AnalysedText(text, language));
}
