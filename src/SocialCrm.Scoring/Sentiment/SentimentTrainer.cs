using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Metrics;

namespace SocialCrm.Scoring.Sentiment;

public sealed record SentimentTrainingReport(int Rows, double ClassifierL2, double RegressorL2, TrainingReport Classifier, TrainingReport Regressor);

/// <summary>
/// Trains the sentiment model. The regularisation strength is chosen on a validation tenth of the training rows
/// (macro F1 for the classifier, Pearson r for the graded score), then both are refitted on all training rows.
/// </summary>
public static class SentimentTrainer
{
    private static readonly double[] L2Grid = [3e-5, 1e-4, 3e-4, 1e-3];

    /// <summary>How many times a tweet counts in training: social posts are what the model scores, reviews and editorials help.</summary>
    public const int TweetWeight = 3;

    /// <param name="fixedL2">regularisation strengths to use instead of choosing them on the validation tenth</param>
    public static (TrainedSentimentModel Model, SentimentTrainingReport Report) Train(IReadOnlyList<RatedText> given, string version, int bits = 16,
        (double Classifier, double Regressor)? fixedL2 = null)
    {
        IReadOnlyList<RatedText> rows = [.. given.SelectMany(r => Enumerable.Repeat(r, r.Source == "tweets" ? TweetWeight : 1))];
        var features = new SentimentFeatures(bits);
        var vectors = rows.Select(r => features.Vector(r.Text, "en")).ToList();
        var indexed = Enumerable.Range(0, rows.Count).ToList();
        var (fit, validation) = DataSplit.Split(indexed, i => $"validation:{rows[i].Source}:{rows[i].Id}", 0.1);
        var tweetValidation = validation.Where(i => rows[i].Source == "tweets").ToList();

        TrainingOptions Options(double l2) => new(l2, MaxIterations: 200, UnpenalisedFrom: features.Dimension - SentimentFeatures.LexiconFeatures);
        double BestL2(Func<double, double> quality) => L2Grid.MaxBy(quality);
        var classifierL2 = fixedL2?.Classifier ?? BestL2(l2 =>
        {
            var (m, _) = LogisticRegression.TrainMultinomial(fit.Select(i => vectors[i]).ToList(), fit.Select(i => rows[i].Class).ToList(), 3, features.Dimension, Options(l2));
            var predicted = validation.Select(i => ArgMax(m.Probabilities(vectors[i]))).ToList();
            return ClassMetrics.MacroF1(ClassMetrics.PerClass(validation.Select(i => rows[i].Class).ToList(), predicted, RatedText.Classes));
        });
        var regressorL2 = fixedL2?.Regressor ?? BestL2(l2 =>
        {
            var (m, _) = RidgeRegression.Train(fit.Select(i => vectors[i]).ToList(), fit.Select(i => rows[i].Rating / 4).ToList(), features.Dimension, Options(l2));
            return ClassMetrics.Pearson(tweetValidation.Select(i => m.Scores(vectors[i])[0]).ToList(), tweetValidation.Select(i => rows[i].Rating).ToList());
        });

        var (classifier, classifierReport) = LogisticRegression.TrainMultinomial(vectors, rows.Select(r => r.Class).ToList(), 3, features.Dimension, Options(classifierL2));
        var (regressor, regressorReport) = RidgeRegression.Train(vectors, rows.Select(r => r.Rating / 4).ToList(), features.Dimension, Options(regressorL2));
        return (new TrainedSentimentModel(version, bits, classifier, regressor),
            new SentimentTrainingReport(rows.Count, classifierL2, regressorL2, classifierReport, regressorReport));
    }

    internal static int ArgMax(double[] p) => Array.IndexOf(p, p.Max());
}
