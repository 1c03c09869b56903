using SocialCrm.Scoring.Metrics;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Scoring.Value;

namespace SocialCrm.Scoring.Outcomes;

/// <summary>How a value scorer and a reply-kind advisor do on held-out measured cases.</summary>
public static class OutcomeEvaluation
{
    /// <summary>ROC AUC of the value score for "engaging paid off".</summary>
    public static double ValueAuc(ICustomerValueScorer scorer, IReadOnlyList<OutcomeExample> rows) =>
        ClassMetrics.RocAuc(rows.Select(r => r.PaidOff).ToList(), rows.Select(r => scorer.Score(r.Features).Score).ToList());

    /// <summary>Expected calibration error of the value score read as the probability of paying off.</summary>
    public static double ValueCalibrationError(ICustomerValueScorer scorer, IReadOnlyList<OutcomeExample> rows) =>
        ClassMetrics.CalibrationError(rows.Select(r => r.PaidOff ? 1 : 0).ToList(), rows.Select(r => { var p = scorer.Score(r.Features).Score; return new[] { 1 - p, p }; }).ToList());

    /// <summary>
    /// Share of happy answers among the held-out cases, answered by the customer, whose actual reply kind is the one the advisor recommends
    /// (the replay method of off-policy evaluation: fair where agents sometimes chose the other kind, as they do).
    /// </summary>
    public static (double Rate, int Matched) MatchedHappyRate(IReplyKindAdvisor advisor, IReadOnlyList<OutcomeExample> rows)
    {
        var matched = rows.Where(r => r.FollowedUp && advisor.Recommend(r.Features, r.Value).Kind == r.ReplyKind).ToList();
        return (matched.Count == 0 ? 0 : matched.Count(r => r.Happy) / (double)matched.Count, matched.Count);
    }
}
