using SocialCrm.Scoring.Metrics;
using SocialCrm.Scoring.Outcomes;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Scoring.Value;

namespace SocialCrm.Tests.Scoring;

/// <summary>The offline measures that decide whether a value or reply-kind model is promoted, on hand-worked examples.</summary>
public class OutcomeEvaluationTests
{
    /// <summary>Ranks by followers: the expected gain is the follower count.</summary>
    private sealed class ByFollowers : IReplyKindAdvisor
    {
        public string ModelName => "by-followers";
        public ReplyKindResult Recommend(CustomerValueFeatures f, double value) => new(ReplyKindResult.Personalised, "", f.Followers);
    }

    private static OutcomeExample Case(int followers, string recommended, string sent, bool happy, bool answered = true) =>
        new($"c{followers}", new CustomerValueFeatures(0, 0, 0, 0, followers, 0, 0, "complaint", "x"), 0, recommended, sent, answered, happy, false, happy);

    [Test]
    public void Uplift_at_the_top_weights_each_case_by_how_likely_its_kind_was()
    {
        const string P = ReplyKindResult.Personalised, S = ReplyKindResult.Standard;
        OutcomeExample[] rows =
        [
            Case(4, P, P, happy: true), Case(3, S, S, happy: false), Case(2, P, S, happy: true), Case(1, S, P, happy: false), Case(0, P, P, happy: true),
            Case(9, P, P, happy: false, answered: false), // no answer: no evidence either way
        ];
        // Sent personalised when the brief said so: 2 of 3; when it said standard: 1 of 2.
        // Top 3 of the 5 answered: c4 (personalised, happy, weight 1/(2/3)), c3 (standard, unhappy, weight 1/(1/2)), c2 (standard, happy, weight 1/(1/3)).
        // Personalised: 1.0 happy; standard: 3 / (2 + 3) = 0.6 happy; uplift 0.4.
        Assert.That(OutcomeEvaluation.UpliftAtTop(new ByFollowers(), rows, share: 0.6), Is.EqualTo(0.4).Within(1e-12));
    }

    [Test]
    public void Value_auc_does_not_credit_a_scorer_with_the_reply_kinds_the_old_policy_chose()
    {
        // The old policy personalised for the customers with 5000 followers, and personalised replies paid off more
        // often (3 of 4 against 1 of 4). Within each reply kind the scores are tied, so the score tells nothing: 0.5.
        // Pooled, the same rows would give 12 of 16 pairs (ties as half) = 0.75.
        const string P = ReplyKindResult.Personalised, S = ReplyKindResult.Standard;
        OutcomeExample[] rows =
        [
            Case(100, S, S, happy: true), Case(100, S, S, happy: false), Case(100, S, S, happy: false), Case(100, S, S, happy: false),
            Case(5000, P, P, happy: true), Case(5000, P, P, happy: true), Case(5000, P, P, happy: true), Case(5000, P, P, happy: false),
        ];
        var formula = new ValueFormulaBaseline();
        Assert.That(OutcomeEvaluation.ValueAuc(formula, rows), Is.EqualTo(0.5).Within(1e-12));
        Assert.That(ClassMetrics.RocAuc(rows.Select(r => r.PaidOff).ToList(), rows.Select(r => formula.Score(r.Features).Score).ToList()), Is.EqualTo(0.75).Within(1e-12));
    }
}
