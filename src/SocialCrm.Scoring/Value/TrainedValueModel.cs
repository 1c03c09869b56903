using System.Text.Json;
using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Value;

/// <summary>
/// Customer value learned from measure-phase outcomes: the probability that engaging this customer now pays off
/// (a happy follow-up or an accepted connection request), by logistic regression on standardised features.
/// </summary>
public sealed class TrainedValueModel(string version, LinearModel model, Standardiser scale) : ICustomerValueScorer
{
    public string Version => version;
    public string ModelName => $"value-lr-{version}";

    public ValueResult Score(CustomerValueFeatures features)
    {
        var z = scale.Apply(ValueFeaturizer.Featurize(features));
        var p = LinearModel.Sigmoid(model.Scores(SparseVector.Dense(z))[0]);
        return new ValueResult(Math.Round(p, 4), Reasons(z, features));
    }

    /// <summary>The three features that moved the score most from the average customer's, up (↑) or down (↓).</summary>
    private List<Explanation> Reasons(double[] z, CustomerValueFeatures features)
    {
        var reasons = new List<Explanation>(3);
        foreach (var j in Enumerable.Range(0, z.Length).OrderByDescending(j => Math.Abs(model.Weights[j] * z[j])).Take(3))
        {
            var push = model.Weights[j] * z[j];
            if (Math.Abs(push) < 0.05) break;
            reasons.Add(new Explanation($"{ValueFeaturizer.Describe(j, features)} {(push > 0 ? "↑" : "↓")}", Math.Round(push, 3)));
        }
        return reasons;
    }

    private sealed record File(string Version, LinearModelJson Model, Standardiser Scale);

    public string ToJson() => JsonSerializer.Serialize(new File(version, LinearModelJson.From(model), scale));

    public static TrainedValueModel FromJson(string json)
    {
        var file = JsonSerializer.Deserialize<File>(json) ?? throw new FormatException("the value model file is empty");
        return new TrainedValueModel(file.Version, file.Model.ToModel(), file.Scale);
    }
}
