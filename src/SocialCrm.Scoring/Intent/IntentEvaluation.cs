using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Metrics;

namespace SocialCrm.Scoring.Intent;

/// <summary>A classifier's figures on one language's held-out examples: per-class F1, macro F1 and accuracy.</summary>
public sealed record IntentFigures(string Model, string Language, int Rows, IReadOnlyDictionary<string, double> F1, double MacroF1, double Accuracy);

public static class IntentEvaluation
{
    /// <summary>The fixed held-out part: a quarter of each language's examples, chosen by a stable hash of language and line.</summary>
    public static (List<IntentExample> Train, List<IntentExample> HeldOut) Split(IEnumerable<IntentExample> rows) =>
        DataSplit.Split(rows, r => $"intent:{r.Language}:{r.Line}", 0.25);

    public static IntentFigures Evaluate(IIntentClassifier classifier, string language, IReadOnlyList<IntentExample> rows)
    {
        var truth = rows.Select(r => r.Class).ToList();
        var predicted = rows.Select(r => Array.IndexOf(IntentResult.Labels, classifier.Classify(r.Text, r.Language).Label)).ToList();
        var perClass = ClassMetrics.PerClass(truth, predicted, IntentResult.Labels);
        return new IntentFigures(classifier.ModelName, language, rows.Count, perClass.ToDictionary(c => c.Label, c => c.F1),
            ClassMetrics.MacroF1(perClass), ClassMetrics.Accuracy(truth, predicted));
    }
}
