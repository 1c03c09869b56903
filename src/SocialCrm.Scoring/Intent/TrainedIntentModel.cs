using System.Text.Json;
using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Intent;

/// <summary>
/// Intent learned from the labelled set: a multinomial logistic regression over the five intents on hashed word and
/// character n-grams. Character n-grams carry Finnish inflection ("palautus", "palautusta", "palauttaa").
/// </summary>
public sealed class TrainedIntentModel(string version, int bits, LinearModel classifier) : IIntentClassifier
{
    private readonly TextFeaturizer _features = new(bits);

    public string Version => version;
    public string ModelName => $"intent-lr-{version}";
    public LinearModel Classifier => classifier;

    public IntentResult Classify(AnalysedText text)
    {
        var named = text.Features(_features);
        var probabilities = classifier.Probabilities(named);
        var k = Array.IndexOf(probabilities, probabilities.Max());
        var label = IntentResult.Labels[k];
        return new IntentResult(label, Math.Round(probabilities[k], 3), LinearExplainer.Top(LinearExplainer.WordPushes(classifier, k, named, label)));
    }

    public double[] Probabilities(string text, string language) => classifier.Probabilities(new AnalysedText(text, language).Features(_features));

    private sealed record File(string Version, int Bits, LinearModelJson Classifier);

    public string ToJson() => JsonSerializer.Serialize(new File(version, bits, LinearModelJson.From(classifier)));

    public static TrainedIntentModel FromJson(string json)
    {
        var file = JsonSerializer.Deserialize<File>(json) ?? throw new FormatException("the intent model file is empty");
        return new TrainedIntentModel(file.Version, file.Bits, file.Classifier.ToModel());
    }
}
