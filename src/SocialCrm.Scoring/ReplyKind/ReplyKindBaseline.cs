namespace SocialCrm.Scoring.ReplyKind;

public sealed record ReplyKindResult(string Kind, string Reason)
{
    public const string Personalised = "personalised", Standard = "standard";
}

public interface IReplyKindAdvisor
{
    string ModelName { get; }
    ReplyKindResult Recommend(double value, int status, string intent, string sentiment, int followers);
}

/// <summary>The baseline rule: personalise for valuable or close customers and for loud unhappy ones; otherwise standard.</summary>
public sealed class ReplyKindBaseline : IReplyKindAdvisor
{
    public string ModelName => "baseline-rule-1";

    public ReplyKindResult Recommend(double value, int status, string intent, string sentiment, int followers)
    {
        if (value >= 0.5) return new(ReplyKindResult.Personalised, $"value {value:0.00} ≥ 0.50");
        if (status >= 2) return new(ReplyKindResult.Personalised, "a regular or friend");
        if (intent == "complaint" && sentiment == "negative" && followers >= 1000)
            return new(ReplyKindResult.Personalised, $"unhappy complaint with {followers} followers");
        return new(ReplyKindResult.Standard, "standard reply fits");
    }
}
