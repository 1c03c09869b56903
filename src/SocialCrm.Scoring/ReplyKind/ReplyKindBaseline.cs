using SocialCrm.Scoring.Value;

namespace SocialCrm.Scoring.ReplyKind;

/// <summary>The kind an advisor recommends and why; Gain is the expected gain of personalising, where the advisor estimates one.</summary>
public sealed record ReplyKindResult(string Kind, string Reason, double? Gain = null)
{
    public const string Personalised = "personalised", Standard = "standard";
}

public interface IReplyKindAdvisor
{
    string ModelName { get; }

    /// <summary>The advisor's choice before any daily budget (ReplyBudget applies that).</summary>
    ReplyKindResult Recommend(CustomerValueFeatures features, double value);
}

/// <summary>The baseline rule: personalise for valuable or close customers and for loud unhappy ones; otherwise standard.</summary>
public sealed class ReplyKindBaseline : IReplyKindAdvisor
{
    public string ModelName => "baseline-rule-1";

    public ReplyKindResult Recommend(CustomerValueFeatures f, double value)
    {
        if (value >= 0.5) return new(ReplyKindResult.Personalised, $"value {value:0.00} ≥ 0.50");
        if (f.Status >= 2) return new(ReplyKindResult.Personalised, "a regular or friend");
        if (f.Intent == "complaint" && f.Sentiment <= -0.05 && f.Followers >= 1000)
            return new(ReplyKindResult.Personalised, $"unhappy complaint with {f.Followers} followers");
        return new(ReplyKindResult.Standard, "standard reply fits");
    }
}
