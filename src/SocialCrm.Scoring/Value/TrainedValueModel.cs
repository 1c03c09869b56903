using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Learning.MlNet;
using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Value;

/// <summary>
/// Customer value learned from measure-phase outcomes: the probability that engaging this customer now pays off
/// (a happy follow-up, a purchase, or an accepted connection request), by an ML.NET classifier (logistic regression or
/// LightGbm, whichever did better on held-out cases) on standardised features. The kind of reply the case got is a
/// feature too, and a score is read as "if engaged with a personalised reply": otherwise the model would credit the
/// customers the old rule already personalised for with the personalisation's effect.
/// </summary>
public sealed class TrainedValueModel(string version, string setting, BinaryModel model, Standardiser scale) : ICustomerValueScorer
{
    public string Version => version;
    public string ModelName => $"value-{version}";
    public string Trainer => model.Trainer;
    public string Setting => setting;
    public BinaryModel Model => model;

    public ValueResult Score(CustomerValueFeatures features)
    {
        Span<double> z = stackalloc double[Dimension];
        ValueFeaturizer.Featurize(features, z);
        z[^1] = 1; // read as "if engaged with a personalised reply"
        scale.ApplyInPlace(z);
        Span<double> push = stackalloc double[Dimension];
        model.Contributions(z, push);
        return new ValueResult(Math.Round(model.Probability(z), 4), Reasons(push, features));
    }

    /// <summary>
    /// The three facts that moved the score most from the average customer's, up (↑) or down (↓). Revenue and followers
    /// enter twice (log and saturating scales) and pull in opposite directions at times; an agent sees one fact with its
    /// net push, not "lifetime revenue 609 € ↓, lifetime revenue 609 € ↑".
    /// </summary>
    private static List<Explanation> Reasons(Span<double> push, CustomerValueFeatures features)
    {
        foreach (var (scale, same) in ValueFeaturizer.SameFact)
        {
            push[scale] += push[same];
            push[same] = 0;
        }
        var reasons = new List<Explanation>(3);
        var used = 0L;
        for (var k = 0; k < 3; k++)
        {
            var best = -1;
            for (var j = 0; j < ValueFeaturizer.Dimension; j++)
                if ((used & (1L << j)) == 0 && (best < 0 || Math.Abs(push[j]) > Math.Abs(push[best]))) best = j;
            if (best < 0 || Math.Abs(push[best]) < 0.05) break;
            used |= 1L << best;
            reasons.Add(new Explanation($"{ValueFeaturizer.Describe(best, features)} {(push[best] > 0 ? "↑" : "↓")}", Math.Round(push[best], 3)));
        }
        return reasons;
    }

    public static int Dimension => ValueFeaturizer.Dimension + 1;

    /// <summary>A row as trained on: the customer's features, then whether the reply was personalised.</summary>
    public static double[] Row(CustomerValueFeatures features, bool personalised) => [.. ValueFeaturizer.Featurize(features), personalised ? 1 : 0];

    public string ToJson() => OutcomeModelFile.Write(version, setting, crossTerms: false, model, scale);

    public static TrainedValueModel FromJson(string json)
    {
        var (file, model) = OutcomeModelFile.Read(json, "value", Dimension);
        return new TrainedValueModel(file.Version, file.Setting, model, file.Scale);
    }
}
