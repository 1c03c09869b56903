using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Metrics;

namespace SocialCrm.Scoring.Sentiment;

/// <summary>A scorer's figures on one held-out set: Pearson r of the graded score with the mean human rating, and 3-class results.</summary>
public sealed record SentimentFigures(string Model, string Source, int Rows, double R, double MacroF1, double Accuracy, double? LogLoss, double? CalibrationError);

public static class SentimentEvaluation
{
    /// <summary>The fixed held-out part: a fifth of each set, chosen by a stable hash of source and id.</summary>
    public static (List<RatedText> Train, List<RatedText> HeldOut) Split(IEnumerable<RatedText> rows) =>
        DataSplit.Split(rows, r => $"{r.Source}:{r.Id}", 0.2);

    public static SentimentFigures Evaluate(ISentimentScorer scorer, string source, IReadOnlyList<RatedText> rows)
    {
        var results = rows.Select(r => scorer.Score(r.Text, "en")).ToList();
        var truth = rows.Select(r => r.Class).ToList();
        var predicted = results.Select(r => Array.IndexOf(RatedText.Classes, r.Label)).ToList();
        double? logLoss = null, calibration = null;
        if (scorer is TrainedSentimentModel trained)
        {
            var probabilities = rows.Select(r => trained.Probabilities(r.Text, "en")).ToList();
            logLoss = ClassMetrics.LogLoss(truth, probabilities);
            calibration = ClassMetrics.CalibrationError(truth, probabilities);
        }
        return new SentimentFigures(scorer.ModelName, source, rows.Count,
            ClassMetrics.Pearson(results.Select(r => r.Score).ToList(), rows.Select(r => r.Rating).ToList()),
            ClassMetrics.MacroF1(ClassMetrics.PerClass(truth, predicted, RatedText.Classes)),
            ClassMetrics.Accuracy(truth, predicted), logLoss, calibration);
    }
}
