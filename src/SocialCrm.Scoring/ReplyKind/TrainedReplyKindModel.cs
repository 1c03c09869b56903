using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Learning.MlNet;
using SocialCrm.Scoring.Value;

namespace SocialCrm.Scoring.ReplyKind;

/// <summary>
/// The expected gain of a personalised over a standard reply for this case: one ML.NET classifier of a happy outcome
/// given the case's standardised features x and p = personalised, scored twice, gain = P(happy | x, p=1) − P(happy | x, p=0).
/// A linear model needs the products p·x as features to let the gain depend on the case ([x, p·x, p]); a tree
/// ensemble finds such interactions by itself ([x, p]). The reason names the feature whose push differs most
/// between the two rows: where personalising pays off.
/// </summary>
public sealed class TrainedReplyKindModel(string version, string setting, BinaryModel model, Standardiser scale, bool crossTerms) : IReplyKindAdvisor
{
    public string Version => version;
    public string ModelName => $"replykind-{version}";
    public string Trainer => model.Trainer;
    public string Setting => setting;
    public BinaryModel Model => model;

    public static int Width(bool crossTerms) => crossTerms ? 2 * ValueFeaturizer.Dimension + 1 : ValueFeaturizer.Dimension + 1;

    public ReplyKindResult Recommend(CustomerValueFeatures features, double value)
    {
        var d = ValueFeaturizer.Dimension;
        Span<double> z = stackalloc double[d];
        ValueFeaturizer.Featurize(features, z);
        scale.ApplyInPlace(z);
        var width = Width(crossTerms);
        Span<double> standardRow = stackalloc double[width], personalRow = stackalloc double[width];
        Span<double> standardPush = stackalloc double[width], personalPush = stackalloc double[width];
        Row(z, false, crossTerms, standardRow);
        Row(z, true, crossTerms, personalRow);
        var gain = Math.Round(model.Probability(personalRow) - model.Probability(standardRow), 4);
        model.Contributions(standardRow, standardPush);
        model.Contributions(personalRow, personalPush);
        var (top, most) = (0, double.NegativeInfinity);
        for (var j = 0; j < d; j++)
        {
            var delta = personalPush[j] - standardPush[j] + (crossTerms ? personalPush[d + j] - standardPush[d + j] : 0);
            if (Math.Sign(gain) * delta > most) (top, most) = (j, Math.Sign(gain) * delta);
        }
        var why = $"{(gain > 0 ? "+" : "")}{gain * 100:0} points of happy outcomes expected if personalised; mostly {ValueFeaturizer.Describe(top, features)}";
        return new ReplyKindResult(gain > 0 ? ReplyKindResult.Personalised : ReplyKindResult.Standard, why, gain);
    }

    /// <summary>The probability of a happy answer to a reply of this kind (what the model learned; the gain is its difference).</summary>
    public double HappyProbability(CustomerValueFeatures features, bool personalised) =>
        model.Probability(Row(scale.Apply(ValueFeaturizer.Featurize(features)), personalised, crossTerms));

    /// <summary>A training or scoring row: x, then p·x if the model takes cross terms, then p.</summary>
    public static void Row(ReadOnlySpan<double> z, bool personalised, bool crossTerms, Span<double> into)
    {
        var d = z.Length;
        into.Clear();
        z.CopyTo(into);
        if (crossTerms && personalised) z.CopyTo(into[d..]);
        into[^1] = personalised ? 1 : 0;
    }

    public static double[] Row(double[] z, bool personalised, bool crossTerms)
    {
        var row = new double[z.Length + (crossTerms ? z.Length : 0) + 1];
        Row(z, personalised, crossTerms, row);
        return row;
    }

    public string ToJson() => OutcomeModelFile.Write(version, setting, crossTerms, model, scale);

    public static TrainedReplyKindModel FromJson(string json)
    {
        var (file, model) = OutcomeModelFile.Read(json, "reply-kind", ValueFeaturizer.Dimension);
        return new TrainedReplyKindModel(file.Version, file.Setting, model, file.Scale, file.CrossTerms);
    }
}
