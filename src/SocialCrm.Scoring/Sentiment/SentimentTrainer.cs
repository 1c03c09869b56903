using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Learning.MlNet;
using SocialCrm.Scoring.Metrics;

namespace SocialCrm.Scoring.Sentiment;

public sealed record SentimentTrainingReport(int Rows, double ClassifierL2, double RegressorL2, string ClassifierTrainer, string RegressorTrainer);

/// <summary>
/// Trains the sentiment model. The regularisation strength is chosen on a validation tenth of the training rows
/// (macro F1 for the classifier, Pearson r for the graded score), then both are refitted on all training rows, by
/// ML.NET's trainers on our features: L-BFGS maximum entropy for the label, SDCA ridge regression for the score.
/// </summary>
public static class SentimentTrainer
{
    private static readonly float[] ClassifierL2Grid = [3e-5f, 1e-4f, 3e-4f, 1e-3f];
    private static readonly float[] RegressorL2Grid = [5e-4f, 1.5e-3f, 5e-3f, 1.5e-2f];

    /// <summary>How many times a tweet counts in training: social posts are what the model scores, reviews and editorials help.</summary>
    public const int TweetWeight = 3;

    /// <param name="fixedL2">regularisation strengths to use instead of choosing them on the validation tenth</param>
    public static (TrainedSentimentModel Model, SentimentTrainingReport Report) Train(IReadOnlyList<RatedText> given, string version, int bits = 16,
        (float Classifier, float Regressor)? fixedL2 = null)
    {
        IReadOnlyList<RatedText> rows = [.. given.SelectMany(r => Enumerable.Repeat(r, r.Source == "tweets" ? TweetWeight : 1))];
        var features = new SentimentFeatures(bits);
        var vectors = rows.Select(r => features.Vector(r.Text, "en")).ToList();
        var indexed = Enumerable.Range(0, rows.Count).ToList();
        var (fit, validation) = DataSplit.Split(indexed, i => $"validation:{rows[i].Source}:{rows[i].Id}", 0.1);
        var tweetValidation = validation.Where(i => rows[i].Source == "tweets").ToList();

        var lexicon = features.Dimension - SentimentFeatures.LexiconFeatures;
        LinearModel Classifier(IReadOnlyList<int> at, float l2) => SparseLinearTrainer.TrainMultinomial(
            at.Select(i => vectors[i]).ToList(), at.Select(i => rows[i].Class).ToList(), 3, features.Dimension, l2, unpenalisedFrom: lexicon).Model;
        LinearModel Regressor(IReadOnlyList<int> at, float l2) => SparseLinearTrainer.TrainRegression(
            at.Select(i => vectors[i]).ToList(), at.Select(i => rows[i].Rating / 4).ToList(), features.Dimension, l2, unpenalisedFrom: lexicon).Model;

        var classifierL2 = fixedL2?.Classifier ?? ClassifierL2Grid.MaxBy(l2 =>
        {
            var m = Classifier(fit, l2);
            var predicted = validation.Select(i => ArgMax(m.Probabilities(vectors[i]))).ToList();
            return ClassMetrics.MacroF1(ClassMetrics.PerClass(validation.Select(i => rows[i].Class).ToList(), predicted, RatedText.Classes));
        });
        var regressorL2 = fixedL2?.Regressor ?? RegressorL2Grid.MaxBy(l2 =>
        {
            var m = Regressor(fit, l2);
            return ClassMetrics.Pearson(tweetValidation.Select(i => m.Scores(vectors[i])[0]).ToList(), tweetValidation.Select(i => rows[i].Rating).ToList());
        });
        return (new TrainedSentimentModel(version, bits, Classifier(indexed, classifierL2), Regressor(indexed, regressorL2)),
            new SentimentTrainingReport(rows.Count, classifierL2, regressorL2, SparseLinearTrainer.MaximumEntropy, SparseLinearTrainer.SdcaRegression));
    }

    internal static int ArgMax(double[] p) => Array.IndexOf(p, p.Max());
}
