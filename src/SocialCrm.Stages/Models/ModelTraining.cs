using System.Text.Json;
using SocialCrm.Scoring.Intent;
using SocialCrm.Scoring.Learning.MlNet;
using SocialCrm.Scoring.Outcomes;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Scoring.Value;
using SocialCrm.Stages.Workflows;

using SocialCrm.Stages.Settings;

namespace SocialCrm.Stages.Models;

/// <summary>One training run of one model: its held-out figure next to the current model's, and whether it was promoted.</summary>
public sealed record TrainingResult(string Kind, string Version, string ModelName, string Metric, double New, string Current, double CurrentValue,
    bool Promoted, string TrainingData, object Figures, string? Note = null)
{
    public string Summary => (Promoted
        ? $"{ModelName} is now active: held-out {Metric} {New:0.000} against {CurrentValue:0.000} for {Current}"
        : New > CurrentValue
            ? $"{ModelName} stored but not promoted: held-out {Metric} {New:0.000} against {CurrentValue:0.000} for {Current}"
            : $"{ModelName} stored but not promoted: held-out {Metric} {New:0.000}, not better than {CurrentValue:0.000} for {Current}")
        + (Note is null ? "" : $". {Note}");
}

/// <summary>Held-out figures of a new sentiment model and the lexicon baseline, per set, and how training went.</summary>
public sealed record SentimentTrainingFigures(IReadOnlyList<SentimentFigures> Figures, SentimentTrainingReport Report);

/// <summary>Held-out figures of a new intent model and the current one, per language.</summary>
public sealed record IntentTrainingFigures(IReadOnlyList<IntentFigures> Figures, double L2);

/// <summary>
/// Trains a model, compares it on held-out data with the model the stages use now (a trained version or the
/// baseline), stores it as a new version, and makes it active only when it does better.
/// </summary>
public sealed class ModelTraining(ModelStore store, OutcomeExamples outcomes, SettingsStore settingsStore)
{
    /// <summary>
    /// Sentiment from human-rated texts (the VADER ground truth), promoted when its Pearson r on the held-out tweets
    /// beats the model in use. Returns the model too, for a caller that also writes it to a file.
    /// </summary>
    public async Task<(TrainingResult Result, TrainedSentimentModel Model)> TrainSentimentAsync(IReadOnlyList<RatedText> rows, string version, CancellationToken ct)
    {
        var (train, heldOut) = SentimentEvaluation.Split(rows);
        var (model, report) = SentimentTrainer.Train(train, version);
        var current = (ISentimentScorer)await CurrentAsync(ModelKinds.Sentiment, ct);
        var baseline = new LexiconSentimentBaseline();
        var figures = heldOut.GroupBy(r => r.Source).SelectMany(g => new[] { SentimentEvaluation.Evaluate(model, g.Key, g.ToList()), SentimentEvaluation.Evaluate(baseline, g.Key, g.ToList()) }).ToList();
        var tweets = heldOut.Where(r => r.Source == "tweets").ToList();
        var newR = figures.Single(f => f.Model == model.ModelName && f.Source == "tweets").R;
        var currentR = current is LexiconSentimentBaseline ? figures.Single(f => f.Model == baseline.ModelName && f.Source == "tweets").R : SentimentEvaluation.Evaluate(current, "tweets", tweets).R;
        var result = await SaveAsync(ModelKinds.Sentiment, version, model.ModelName, model.Trainer, model.ToJson(), "tweets r", newR, current.ModelName, currentR,
            $"VADER ground truth without its held-out fifth: {train.Count} rows (tweets count {SentimentTrainer.TweetWeight}x, movie reviews, NYT editorials)",
            new SentimentTrainingFigures(figures, report), candidate: true, ct);
        return (result, model);
    }

    /// <summary>Intent from the labelled set shipped with the scoring library; macro F1 over both languages' held-out quarter.</summary>
    public async Task<TrainingResult> TrainIntentAsync(string version, CancellationToken ct)
    {
        var (train, heldOut) = IntentEvaluation.Split(IntentExample.Shipped());
        var (model, report) = IntentTrainer.Train(train, version);
        var current = (IIntentClassifier)await CurrentAsync(ModelKinds.Intent, ct);
        var figures = heldOut.GroupBy(r => r.Language).SelectMany(g => new[] { IntentEvaluation.Evaluate(model, g.Key, g.ToList()), IntentEvaluation.Evaluate(current, g.Key, g.ToList()) }).ToList();
        var newF1 = IntentEvaluation.Evaluate(model, "all", heldOut).MacroF1;
        var currentF1 = IntentEvaluation.Evaluate(current, "all", heldOut).MacroF1;
        return await SaveAsync(ModelKinds.Intent, version, model.ModelName, model.Trainer, model.ToJson(), "macro F1", newF1, current.ModelName, currentF1,
            $"labelled intent set without its held-out quarter: {train.Count} posts ({train.Count(r => r.Language == "en")} English, {train.Count(r => r.Language == "fi")} Finnish), L2 {report.L2:g2}",
            new IntentTrainingFigures(figures, report.L2), candidate: true, ct);
    }

    /// <summary>
    /// Value and reply kind from the measured cases in the store, each trained by both ML.NET families (linear and
    /// LightGbm). Both versions are stored with their held-out figures. The candidate (for value the family with the
    /// better held-out AUC, for reply kind the linear one) is promoted when it also beats the model in use.
    /// </summary>
    public async Task<IReadOnlyList<TrainingResult>> TrainFromOutcomesAsync(string version, CancellationToken ct)
    {
        var examples = await outcomes.LoadAsync(ct);
        var (train, heldOut) = OutcomeTrainer.Split(examples);
        var results = new List<TrainingResult>();

        var currentValue = (ICustomerValueScorer)await CurrentAsync(ModelKinds.Value, ct);
        var currentAuc = OutcomeEvaluation.ValueAuc(currentValue, heldOut);
        var settings = (await settingsStore.CurrentAsync(ct)).Values;
        var currentRouting = Routing(currentValue, heldOut, settings);
        var values = OutcomeTrainer.TrainValue(train, version).Select(v => (v.Model, v.Report, Auc: OutcomeEvaluation.ValueAuc(v.Model, heldOut))).ToList();
        var bestValue = values.MaxBy(v => v.Auc);
        foreach (var (value, report, auc) in values)
        {
            var routing = Routing(value, heldOut, settings);
            var saved = await SaveAsync(ModelKinds.Value, value.Version, value.ModelName, value.Trainer, value.ToJson(), "AUC (paid off)", auc, currentValue.ModelName, currentAuc,
                $"{train.Count} measured cases, {train.Count(r => r.PaidOff)} paid off; {value.Trainer}, {report.Setting}",
                new { heldOut = heldOut.Count, auc, currentAuc, calibrationError = OutcomeEvaluation.ValueCalibrationError(value, heldOut), trainer = value.Trainer, setting = report.Setting,
                    validationLogLikelihood = report.ValidationLogLikelihood, autoReplied = routing.AutoReply, currentAutoReplied = currentRouting.AutoReply, ignored = routing.Ignore,
                    currentIgnored = currentRouting.Ignore }, value == bestValue.Model, ct);
            // A value model's scale is its own (a probability), while the analyse workflow's value settings were set for
            // the scale in use: say what they would now do, so an admin can move them.
            results.Add(saved with
            {
                Note = (value == bestValue.Model ? "" : $"{bestValue.Model.ModelName} did better on the same cases. ") +
                    $"Under the analyse workflow's settings it would auto-reply to {routing.AutoReply:P0} of the held-out cases (praise below " +
                    $"settings.autoReplyBelowValue {settings.AutoReplyBelowValue}) against {currentRouting.AutoReply:P0}, and ignore {routing.Ignore:P0} " +
                    $"(small talk below settings.ignoreBelowValue {settings.IgnoreBelowValue}) against {currentRouting.Ignore:P0}",
            });
        }

        var currentReply = (IReplyKindAdvisor)await CurrentAsync(ModelKinds.ReplyKind, ct);
        var currentUplift = OutcomeEvaluation.UpliftCurve(currentReply, heldOut);
        var replies = OutcomeTrainer.TrainReplyKind(train, version)
            .Select(r => (r.Model, r.Report, Uplift: OutcomeEvaluation.UpliftCurve(r.Model, heldOut), LogLikelihood: OutcomeEvaluation.ReplyLogLikelihood(r.Model, heldOut))).ToList();
        // The candidate is the linear model; LightGbm is stored beside it for comparison. Reply kind is read as the
        // difference of two predictions (personalised or not), and trees that treat "personalised" as one more feature
        // shrink and blur that difference. Against the simulator's truth, the linear policy reached 89.3 % and 90.7 % of
        // the oracle's gain on stores of 16,000 and 29,000 cases, LightGbm 83.5 % and 80.0 %; neither held-out rule saw
        // it (on the larger store both the uplift, 0.494 against 0.433, and the log-likelihood preferred LightGbm).
        var bestReply = replies.Single(r => r.Model.Model is LinearBinaryModel);
        foreach (var (reply, report, uplift, logLikelihood) in replies)
        {
            var saved = await SaveAsync(ModelKinds.ReplyKind, reply.Version, reply.ModelName, reply.Trainer, reply.ToJson(), "uplift of personalising in its top 10–50%", uplift,
                currentReply.ModelName, currentUplift,
                $"{report.Rows} answered replies ({train.Count(r => r.FollowedUp && r.ReplyKind == ReplyKindResult.Personalised)} personalised), {train.Count(r => r.FollowedUp && r.Happy)} happy; {reply.Trainer}, {report.Setting}",
                new { heldOut = heldOut.Count, uplift, currentUplift, heldOutLogLikelihood = logLikelihood, trainer = reply.Trainer,
                    setting = report.Setting, validationLogLikelihood = report.ValidationLogLikelihood },
                reply == bestReply.Model, ct);
            results.Add(saved with
            {
                Note = $"held-out log-likelihood of the answers {logLikelihood:0.0000}" +
                    (reply == bestReply.Model ? "" : $"; stored for comparison, the linear {bestReply.Model.ModelName} is the candidate"),
            });
        }
        return results;
    }

    /// <summary>Shares of the cases the analyse workflow's value rules would auto-reply to and ignore with this scorer.</summary>
    private static (double AutoReply, double Ignore) Routing(ICustomerValueScorer scorer, IReadOnlyList<OutcomeExample> rows, CrmSettings settings)
    {
        if (rows.Count == 0) return (0, 0);
        var scored = rows.Select(r => (r.Features, Value: scorer.Score(r.Features).Score, Negative: SentimentResult.LabelFor(r.Features.Sentiment) == SentimentResult.Negative)).ToList();
        return ((double)scored.Count(r => r.Features.Intent == IntentResult.Praise && !r.Negative && r.Value < settings.AutoReplyBelowValue) / rows.Count,
            (double)scored.Count(r => r.Features.Intent == IntentResult.Other && !r.Negative && r.Value < settings.IgnoreBelowValue) / rows.Count);
    }

    /// <summary>The active version, or the baseline when there is none or it was made by an older SocialCrm that read other features.</summary>
    private async Task<object> CurrentAsync(string kind, CancellationToken ct) =>
        await store.ActiveJsonAsync(kind, ct) is { } json ? ModelKinds.TryFromJson(kind, json) ?? ModelKinds.Baseline(kind) : ModelKinds.Baseline(kind);

    /// <param name="candidate">false for a version stored for comparison only (the other family's): never promoted</param>
    private async Task<TrainingResult> SaveAsync(string kind, string version, string modelName, string trainer, string json, string metric, double newValue,
        string current, double currentValue, string trainingData, object figures, bool candidate, CancellationToken ct)
    {
        var promote = candidate && newValue > currentValue;
        await store.SaveAsync(kind, version, trainer, json, JsonSerializer.Serialize(figures), trainingData, promote, ct);
        return new TrainingResult(kind, version, modelName, metric, newValue, current, currentValue, promote, trainingData, figures);
    }
}
