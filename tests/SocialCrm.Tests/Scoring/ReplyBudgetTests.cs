using SocialCrm.Scoring.ReplyKind;

namespace SocialCrm.Tests.Scoring;

/// <summary>The daily budget of personalised replies, spent online by expected gain.</summary>
public class ReplyBudgetTests
{
    private static ReplyKindResult Advice(double? gain) => new(gain is null or > 0 ? ReplyKindResult.Personalised : ReplyKindResult.Standard, "why", gain);

    [Test]
    public void Tomorrows_bar_is_a_little_below_the_gain_of_todays_budget_th_best_case()
    {
        Assert.That(ReplyBudget.ThresholdFrom([0.05, 0.30, 0.10, 0.20, 0.02], 2), Is.EqualTo(0.10), "the 3rd best (2 × 1.2, rounded up)");
        Assert.That(ReplyBudget.ThresholdFrom([0.05, 0.30, 0.10], 3), Is.EqualTo(0), "a quiet day: no bar");
        Assert.That(ReplyBudget.ThresholdFrom([-0.2, -0.1], 1), Is.EqualTo(0), "never below zero: a reply expected to do worse is not personalised");
    }

    [Test]
    public void Personalises_only_above_the_bar_and_while_budget_is_left()
    {
        var budget = new ReplyBudget(2, 0.15);
        Assert.Multiple(() =>
        {
            Assert.That(budget.Personalise(Advice(0.2), usedToday: 0), Is.True);
            Assert.That(budget.Personalise(Advice(0.1), usedToday: 0), Is.False, "below the bar");
            Assert.That(budget.Personalise(Advice(0.4), usedToday: 2), Is.False, "budget spent");
            Assert.That(budget.Personalise(Advice(null), usedToday: 1), Is.True, "a rule without gains: first come, first served");
            Assert.That(budget.Personalise(Advice(-0.1), usedToday: 0), Is.False, "the advisor says standard");
            Assert.That(ReplyBudget.Unlimited.Personalise(Advice(0.01), usedToday: 10_000), Is.True, "no limit set");
        });
    }
}
