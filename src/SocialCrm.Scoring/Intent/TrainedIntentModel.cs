using System.Text.Json;
using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Learning.MlNet;
using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Intent;

/// <summary>
/// Intent learned from the labelled set: a multinomial logistic regression over the five intents on hashed word and
/// character n-grams (which carry Finnish inflection: "palautus", "palautusta", "palauttaa") and a few dense
/// features (IntentFeatures).
/// </summary>
public sealed class TrainedIntentModel : IIntentClassifier
{
    private readonly string version;
    private readonly int bits;
    private readonly LinearModel classifier;
    private readonly IntentFeatures _features;

    public TrainedIntentModel(string version, int bits, LinearModel classifier, string trainer = SparseLinearTrainer.MaximumEntropy)
    {
        (this.version, this.bits, this.classifier, Trainer, _features) = (version, bits, classifier, trainer, new IntentFeatures(bits));
        if (classifier.Dimension != _features.Dimension)
            throw new FormatException($"the intent model {version} has {classifier.Dimension} features; this version of SocialCrm reads {_features.Dimension}: train it again");
    }

    public string Version => version;
    public string ModelName => $"intent-lr-{version}";
    /// <summary>What fitted the weights; versions stored before ML.NET say "SocialCrm L-BFGS".</summary>
    public string Trainer { get; }
    public LinearModel Classifier => classifier;

    public IntentResult Classify(AnalysedText text)
    {
        var named = _features.Featurize(text);
        var probabilities = classifier.Probabilities(named);
        var k = Array.IndexOf(probabilities, probabilities.Max());
        var label = IntentResult.Labels[k];
        return new IntentResult(label, Math.Round(probabilities[k], 3), LinearExplainer.Top(LinearExplainer.WordPushes(classifier, k, named, label)));
    }

    public double[] Probabilities(string text, string language) => classifier.Probabilities(_features.Featurize(new AnalysedText(text, language)));

    private sealed record File(string Version, int Bits, LinearModelJson Classifier, string? Trainer);

    public string ToJson() => JsonSerializer.Serialize(new File(version, bits, LinearModelJson.From(classifier), Trainer));

    public static TrainedIntentModel FromJson(string json)
    {
        var file = JsonSerializer.Deserialize<File>(json) ?? throw new FormatException("the intent model file is empty");
        return new TrainedIntentModel(file.Version, file.Bits, file.Classifier.ToModel(), file.Trainer ?? "SocialCrm L-BFGS");
    }
}
