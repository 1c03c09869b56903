using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Value;

/// <summary>
/// Customer value learned from measure-phase outcomes: the probability that engaging this customer now pays off
/// (a happy follow-up or an accepted connection request), by logistic regression on standardised features. The kind
/// of reply the case got is a feature too, and a score is read as "if engaged with a personalised reply": otherwise
/// the model would credit the customers the old rule already personalised for with the personalisation's effect.
/// </summary>
public sealed class TrainedValueModel(string version, LinearModel model, Standardiser scale) : ICustomerValueScorer
{
    public string Version => version;
    public string ModelName => $"value-lr-{version}";

    public ValueResult Score(CustomerValueFeatures features)
    {
        var z = scale.Apply(Row(features, personalised: true));
        var p = LinearModel.Sigmoid(model.Scores(SparseVector.Dense(z))[0]);
        return new ValueResult(Math.Round(p, 4), Reasons(z, features));
    }

    /// <summary>The three features that moved the score most from the average customer's, up (↑) or down (↓).</summary>
    private List<Explanation> Reasons(double[] z, CustomerValueFeatures features)
    {
        var reasons = new List<Explanation>(3);
        foreach (var j in Enumerable.Range(0, ValueFeaturizer.Dimension).OrderByDescending(j => Math.Abs(model.Weights[j] * z[j])).Take(3))
        {
            var push = model.Weights[j] * z[j];
            if (Math.Abs(push) < 0.05) break;
            reasons.Add(new Explanation($"{ValueFeaturizer.Describe(j, features)} {(push > 0 ? "↑" : "↓")}", Math.Round(push, 3)));
        }
        return reasons;
    }

    public static int Dimension => ValueFeaturizer.Dimension + 1;

    /// <summary>A row as trained on: the customer's features, then whether the reply was personalised.</summary>
    public static double[] Row(CustomerValueFeatures features, bool personalised) => [.. ValueFeaturizer.Featurize(features), personalised ? 1 : 0];

    public string ToJson() => ScaledModelFile.Write(version, model, scale);

    public static TrainedValueModel FromJson(string json)
    {
        var file = ScaledModelFile.Read(json, "value", Dimension, Dimension);
        return new TrainedValueModel(file.Version, file.Model.ToModel(), file.Scale);
    }
}
