using System.Diagnostics;
using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Intent;
using SocialCrm.Scoring.Language;
using SocialCrm.Scoring.Learning.MlNet;
using SocialCrm.Scoring.Outcomes;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Scoring.Text;
using SocialCrm.Scoring.Value;
using SocialCrm.Simulation;
using SocialCrm.Simulation.Evaluation;

namespace SocialCrm.Cli.Bench;

/// <param name="TrainedMicroseconds">all four trained models, value and reply kind by the linear family</param>
/// <param name="TreeMicroseconds">the same with value and reply kind by LightGbm</param>
public sealed record ScoringResult(double BaselineMicroseconds, double TrainedMicroseconds, double TreeMicroseconds, IReadOnlyList<(string Step, double Microseconds)> TrainedSteps,
    int TrainingRows, double TrainingSeconds, string Trainer);

/// <summary>
/// Scoring cost per signal on one core after warm-up: language, sentiment, intent, value and reply kind, each with
/// its reasons, once with the four baselines and once with four trained models of the production shape (value and
/// reply kind from each ML.NET family, linear and LightGbm, trained on simulated outcomes). Then the training time of
/// ML.NET's L-BFGS maximum entropy on 100,000 rows of simulated posts (hashed n-grams, two classes: complaint or not).
/// </summary>
public static class ScoringBench
{
    public static ScoringResult Run(int trainingRows = 100_000)
    {
        var world = new SimulatedWorld(new SimulationOptions { Customers = 1000, Seed = 11 });
        var texts = Enumerable.Range(0, 5000).Select(_ => world.NextSignal(DateTimeOffset.UtcNow).Text!).ToList();
        var language = new StopwordLanguageDetector();

        // steps: how far down the chain to go (1 language .. 5 reply kind), so the cost of each step is a difference.
        Action Chain(ISentimentScorer sentiment, IIntentClassifier intent, ICustomerValueScorer value, IReplyKindAdvisor reply, int steps = 5) => () =>
        {
            double sink = 0;
            foreach (var raw in texts)
            {
                var text = new AnalysedText(raw);
                text.Language = language.Detect(text);
                if (steps < 2) continue;
                var s = sentiment.Score(text);
                var i = steps >= 3 ? intent.Classify(text) : new IntentResult("other", 0, []);
                if (steps < 4) continue;
                var features = new CustomerValueFeatures(500, 200, 2, 1, 800, 1, s.Score, i.Label, "x");
                var v = value.Score(features);
                sink += v.Score + s.Reasons.Count + i.Reasons.Count;
                if (steps >= 5) sink += reply.Recommend(features, v.Score).Reason.Length;
            }
            GC.KeepAlive(sink);
        };

        // Microseconds per signal of each chain: the best of nine rounds, the chains taking turns within each round, so a
        // burst of the other core's work (this machine is a VM with neighbours) or a collection spoils one round of
        // every chain rather than all the rounds of one; it only ever adds time.
        List<double> PerSignal(IReadOnlyList<Action> chains)
        {
            // Warm-up: lexicons loaded, and time for the JIT's second tier, which compiles hot methods in the background.
            for (var round = 0; round < 3; round++)
            {
                foreach (var chain in chains) chain();
                Thread.Sleep(200);
            }
            var best = chains.Select(_ => double.MaxValue).ToList();
            for (var round = 0; round < 9; round++)
                for (var c = 0; c < chains.Count; c++)
                {
                    var clock = Stopwatch.StartNew();
                    chains[c]();
                    best[c] = Math.Min(best[c], clock.Elapsed.TotalMicroseconds / texts.Count);
                }
            return best;
        }
        var lexicon = new LexiconSentimentBaseline();
        var baseline = PerSignal([Chain(lexicon, new KeywordIntentBaseline(), new ValueFormulaBaseline(), new ReplyKindBaseline())])[0];

        var featurizer = new TextFeaturizer(bits: 16);
        var rows = Enumerable.Range(0, trainingRows).Select(_ => world.NextSignal(DateTimeOffset.UtcNow).Text!).ToList();
        var vectors = rows.Select(featurizer.Featurize).ToList();
        var keywords = new KeywordIntentBaseline();
        var labels = rows.Select(t => keywords.Classify(t, "en").Label == IntentResult.Complaint ? 1 : 0).ToList();
        var (_, training) = SparseLinearTrainer.TrainMultinomial(vectors, labels, 2, featurizer.Dimension, 1e-4f);

        // Trained models of the production shape, fitted briefly: their cost does not depend on how good they are.
        var sentimentFeatures = new SentimentFeatures(16);
        var small = rows.Take(2000).ToList();
        var smallVectors = small.Select(t => sentimentFeatures.Vector(t, "en")).ToList();
        var readings = small.Select(t => lexicon.Score(t, "en")).ToList();
        var (classifier, _) = SparseLinearTrainer.TrainMultinomial(smallVectors, readings.Select(r => Array.IndexOf(RatedText.Classes, r.Label)).ToList(),
            3, sentimentFeatures.Dimension, 1e-4f);
        var (regressor, _) = SparseLinearTrainer.TrainRegression(smallVectors, readings.Select(r => r.Score).ToList(), sentimentFeatures.Dimension, 1e-3f);
        var (intentModel, _) = IntentTrainer.Train(IntentExample.Shipped(), "bench", fixedL2: 1e-3f);
        var outcomes = SimulatedOutcomes.Examples(world, 2000, new Random(3));
        var values = OutcomeTrainer.TrainValue(outcomes, "bench");
        var replies = OutcomeTrainer.TrainReplyKind(outcomes, "bench");
        var sentimentModel = new TrainedSentimentModel("bench", 16, classifier, regressor);
        // The 100,000 training rows are garbage now; collect them so no full collection lands in a measured round.
        (rows, vectors) = ([], []);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var measured = PerSignal([
            .. Enumerable.Range(1, 5).Select(steps => Chain(sentimentModel, intentModel, values[0].Model, replies[0].Model, steps)),
            .. new[] { 4, 5 }.Select(steps => Chain(sentimentModel, intentModel, values[1].Model, replies[1].Model, steps)),
        ]);
        var (cumulative, trees) = (measured[..5], measured[5..]);
        string[] names = ["language (tokenising)", "sentiment (featurising)", "intent", $"value ({values[0].Model.Trainer})", $"reply kind ({replies[0].Model.Trainer})"];
        var perStep = names.Select((name, k) => (name, cumulative[k] - (k == 0 ? 0 : cumulative[k - 1]))).ToList();
        perStep.Add(($"value ({values[1].Model.Trainer}, {((TreeBinaryModel)values[1].Model.Model).Trees} trees)", trees[0] - cumulative[2]));
        perStep.Add(($"reply kind ({replies[1].Model.Trainer}, {((TreeBinaryModel)replies[1].Model.Model).Trees} trees)", trees[1] - trees[0]));
        return new ScoringResult(baseline, cumulative[^1], trees[^1], perStep, trainingRows, training.TotalSeconds, SparseLinearTrainer.MaximumEntropy);
    }
}
