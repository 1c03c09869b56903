using System.Diagnostics;
using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Intent;
using SocialCrm.Scoring.Language;
using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Scoring.Value;
using SocialCrm.Simulation;

namespace SocialCrm.Cli.Bench;

public sealed record ScoringResult(double BaselineMicroseconds, double TrainedSentimentMicroseconds, int TrainingRows, double TrainingSeconds, int Iterations);

/// <summary>
/// Scoring cost per signal on one core after warm-up (language, sentiment, intent, value and reply kind), with the
/// baselines and with the trained sentiment model; and logistic regression training time on 100,000 rows of
/// simulated posts (hashed n-grams, binary label: complaint or not).
/// </summary>
public static class ScoringBench
{
    public static ScoringResult Run(int trainingRows = 100_000)
    {
        var world = new SimulatedWorld(new SimulationOptions { Customers = 1000, Seed = 11 });
        var texts = Enumerable.Range(0, 5000).Select(_ => world.NextSignal(DateTimeOffset.UtcNow).Text!).ToList();

        var language = new StopwordLanguageDetector();
        var lexicon = new LexiconSentimentBaseline();
        var intent = new KeywordIntentBaseline();
        var value = new ValueFormulaBaseline();
        var reply = new ReplyKindBaseline();
        double PerSignal(ISentimentScorer sentiment)
        {
            double sink = 0;
            void ScoreAll()
            {
                foreach (var text in texts)
                {
                    var lang = language.Detect(text);
                    var s = sentiment.Score(text, lang);
                    var i = intent.Classify(text, lang);
                    var v = value.Score(new CustomerValueFeatures(500, 200, 2, 1, 800, 1, s.Score, i.Label, "x"));
                    sink += v.Score + reply.Recommend(v.Score, 1, i.Label, s.Label, 800).Kind.Length;
                }
            }
            ScoreAll(); // warm-up: JIT, lexicons loaded
            var clock = Stopwatch.StartNew();
            for (var round = 0; round < 3; round++) ScoreAll();
            GC.KeepAlive(sink);
            return clock.Elapsed.TotalMicroseconds / (3.0 * texts.Count);
        }
        var baseline = PerSignal(lexicon);

        // A trained sentiment model of the production shape (2^16 buckets + lexicon features), fitted briefly on simulated text.
        var featurizer = new TextFeaturizer(bits: 16);
        var rows = Enumerable.Range(0, trainingRows).Select(_ => world.NextSignal(DateTimeOffset.UtcNow).Text!).ToList();
        var vectors = rows.Select(featurizer.Featurize).ToList();
        var labels = rows.Select(t => intent.Classify(t, "en").Label == IntentResult.Complaint).ToList();
        var clock = Stopwatch.StartNew();
        var (_, report) = LogisticRegression.TrainBinary(vectors, labels, featurizer.Dimension, new TrainingOptions(1e-4, MaxIterations: 200));
        var trainingSeconds = clock.Elapsed.TotalSeconds;

        var sentimentFeatures = new SentimentFeatures(16);
        var small = rows.Take(2000).ToList();
        var smallVectors = small.Select(t => sentimentFeatures.Featurize(t, "en").Vector).ToList();
        var lexiconReadings = small.Select(t => lexicon.Score(t, "en")).ToList();
        var (classifier, _) = LogisticRegression.TrainMultinomial(smallVectors, lexiconReadings.Select(r => Array.IndexOf(RatedText.Classes, r.Label)).ToList(),
            3, sentimentFeatures.Dimension, new TrainingOptions(1e-4, MaxIterations: 30));
        var (regressor, _) = RidgeRegression.Train(smallVectors, lexiconReadings.Select(r => r.Score).ToList(), sentimentFeatures.Dimension,
            new TrainingOptions(1e-4, MaxIterations: 30));
        var trained = PerSignal(new TrainedSentimentModel("bench", 16, classifier, regressor));
        return new ScoringResult(baseline, trained, trainingRows, trainingSeconds, report.Iterations);
    }
}
