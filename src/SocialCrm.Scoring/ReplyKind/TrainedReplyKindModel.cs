using SocialCrm.Scoring.Features;
using SocialCrm.Scoring.Learning;
using SocialCrm.Scoring.Value;

namespace SocialCrm.Scoring.ReplyKind;

/// <summary>
/// The expected gain of a personalised over a standard reply for this case: one logistic regression of a happy
/// outcome on the case's standardised features x, the same features times "personalised" (p·x) and p itself, so
/// gain = σ(w·x + v·x + c + b) − σ(w·x + b). The v·x part is where personalising pays off, and its largest terms
/// are the reasons.
/// </summary>
public sealed class TrainedReplyKindModel(string version, LinearModel model, Standardiser scale) : IReplyKindAdvisor
{
    public string Version => version;
    public string ModelName => $"replykind-lr-{version}";

    public static int Dimension => 2 * ValueFeaturizer.Dimension + 1;

    public ReplyKindResult Recommend(CustomerValueFeatures features, double value)
    {
        var z = scale.Apply(ValueFeaturizer.Featurize(features));
        var standard = LinearModel.Sigmoid(model.Scores(Row(z, personalised: false))[0]);
        var personalised = LinearModel.Sigmoid(model.Scores(Row(z, personalised: true))[0]);
        var gain = Math.Round(personalised - standard, 4);
        var d = ValueFeaturizer.Dimension;
        var top = Enumerable.Range(0, d).MaxBy(j => Math.Sign(gain) * model.Weights[d + j] * z[j]);
        var why = $"{(gain > 0 ? "+" : "")}{gain * 100:0} points of happy outcomes expected if personalised; mostly {ValueFeaturizer.Describe(top, features)}";
        return new ReplyKindResult(gain > 0 ? ReplyKindResult.Personalised : ReplyKindResult.Standard, why, gain);
    }

    /// <summary>A training or scoring row: x, then p·x, then p.</summary>
    public static SparseVector Row(double[] z, bool personalised)
    {
        var d = z.Length;
        var row = new double[2 * d + 1];
        z.CopyTo(row, 0);
        if (personalised)
        {
            z.CopyTo(row, d);
            row[2 * d] = 1;
        }
        return SparseVector.Dense(row);
    }

    public string ToJson() => ScaledModelFile.Write(version, model, scale);

    public static TrainedReplyKindModel FromJson(string json)
    {
        var file = ScaledModelFile.Read(json, "reply-kind", Dimension, ValueFeaturizer.Dimension);
        return new TrainedReplyKindModel(file.Version, file.Model.ToModel(), file.Scale);
    }
}
