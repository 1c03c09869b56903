using SocialCrm.Scoring.Metrics;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Scoring.Value;

namespace SocialCrm.Scoring.Outcomes;

/// <summary>How a value scorer and a reply-kind advisor do on held-out measured cases.</summary>
public static class OutcomeEvaluation
{
    /// <summary>
    /// ROC AUC of the value score for "engaging paid off", within each reply kind and averaged by cases. Whether a
    /// case paid off depends on the reply it got, and the advisor in use chose personalised replies for the customers
    /// its value score ranked high; pooled, that choice would count as the scorer's foresight.
    /// </summary>
    public static double ValueAuc(ICustomerValueScorer scorer, IReadOnlyList<OutcomeExample> rows)
    {
        var scored = rows.Select(r => (r.ReplyKind, r.PaidOff, Score: scorer.Score(r.Features).Score)).ToList();
        var kinds = scored.GroupBy(r => r.ReplyKind).Where(g => g.Any(r => r.PaidOff) && g.Any(r => !r.PaidOff)).ToList();
        var cases = kinds.Sum(g => g.Count());
        return cases == 0 ? 0.5 : kinds.Sum(g => g.Count() * ClassMetrics.RocAuc(g.Select(r => r.PaidOff).ToList(), g.Select(r => r.Score).ToList())) / cases;
    }

    /// <summary>
    /// Expected calibration error of the value score read as the probability of paying off. A value score means "if
    /// engaged with a personalised reply", so it is checked on the held-out cases that got one.
    /// </summary>
    public static double ValueCalibrationError(ICustomerValueScorer scorer, IReadOnlyList<OutcomeExample> rows)
    {
        var personalised = rows.Where(r => r.ReplyKind == ReplyKindResult.Personalised).ToList();
        return ClassMetrics.CalibrationError(personalised.Select(r => r.PaidOff ? 1 : 0).ToList(),
            personalised.Select(r => { var p = scorer.Score(r.Features).Score; return new[] { 1 - p, p }; }).ToList());
    }

    /// <summary>
    /// Mean log-likelihood of the happy answers on the held-out cases the customer answered, given the reply they got:
    /// a proper score of how well the model knows both kinds' outcomes, on every answered case rather than a top share.
    /// </summary>
    public static double ReplyLogLikelihood(TrainedReplyKindModel model, IReadOnlyList<OutcomeExample> rows) =>
        rows.Where(r => r.FollowedUp).Select(r =>
        {
            var p = model.HappyProbability(r.Features, r.ReplyKind == ReplyKindResult.Personalised);
            return Math.Log(Math.Clamp(r.Happy ? p : 1 - p, 1e-15, 1));
        }).DefaultIfEmpty(0).Average();

    /// <summary>
    /// Can the advisor find the cases where personalising gains most? Of the held-out cases the customer answered, take
    /// the share it ranks highest (by expected gain; a rule without gains ranks its personalised cases first) and
    /// measure the uplift there: happy rate after personalised replies minus after standard ones. Agents mostly
    /// followed the brief, so which kind a case got depends on what the old advisor recommended; each case is
    /// weighted by the inverse of how likely its kind was given that recommendation (estimated from the rows), so
    /// the comparison is not biased by who got personalised replies before.
    /// </summary>
    /// <summary>
    /// The uplift at the top tenth, fifth, … half, averaged: the budget's share of cases is not known in advance, and
    /// one cut alone is noisy on a few hundred answered cases.
    /// </summary>
    public static double UpliftCurve(IReplyKindAdvisor advisor, IReadOnlyList<OutcomeExample> rows) =>
        new[] { 0.1, 0.2, 0.3, 0.4, 0.5 }.Average(share => UpliftAtTop(advisor, rows, share));

    public static double UpliftAtTop(IReplyKindAdvisor advisor, IReadOnlyList<OutcomeExample> rows, double share = 0.25)
    {
        var answered = rows.Where(r => r.FollowedUp).ToList();
        double Propensity(string recommended)
        {
            var group = answered.Where(r => r.RecommendedKind == recommended).ToList();
            return group.Count == 0 ? 0.5 : Math.Clamp(group.Count(r => r.ReplyKind == ReplyKindResult.Personalised) / (double)group.Count, 0.05, 0.95);
        }
        var propensity = new Dictionary<string, double>
        {
            [ReplyKindResult.Personalised] = Propensity(ReplyKindResult.Personalised),
            [ReplyKindResult.Standard] = Propensity(ReplyKindResult.Standard),
        };
        var top = answered
            .Select(r => (Row: r, Advice: advisor.Recommend(r.Features, r.Value)))
            .OrderByDescending(x => x.Advice.Gain ?? (x.Advice.Kind == ReplyKindResult.Personalised ? 1 : 0))
            .ThenBy(x => Features.FeatureHash.Of(x.Row.Key)) // ties in a fixed, arbitrary order
            .Take((int)Math.Ceiling(share * answered.Count)).Select(x => x.Row).ToList();
        double Rate(bool personalised)
        {
            double happy = 0, weight = 0;
            foreach (var r in top.Where(r => (r.ReplyKind == ReplyKindResult.Personalised) == personalised))
            {
                var p = propensity.GetValueOrDefault(r.RecommendedKind, 0.5);
                var w = 1 / (personalised ? p : 1 - p);
                weight += w;
                if (r.Happy) happy += w;
            }
            return weight == 0 ? 0 : happy / weight;
        }
        return Rate(personalised: true) - Rate(personalised: false);
    }
}
