using SocialCrm.Domain.Customers;
using SocialCrm.Scoring.Intent;
using SocialCrm.Scoring.Language;
using SocialCrm.Scoring.Metrics;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Scoring.Text;
using SocialCrm.Scoring.Value;

namespace SocialCrm.Simulation.Evaluation;

/// <summary>The scorers a simulated day is briefed with (the active models, or baselines).</summary>
public sealed record DayScorers(ISentimentScorer Sentiment, IIntentClassifier Intent, ICustomerValueScorer Value, IReplyKindAdvisor ReplyKind);

/// <summary>One policy over the simulated days: expected happy customers a day and what share of the oracle's that is.</summary>
public sealed record PolicyOutcome(string Policy, double HappyPerDay, double PersonalisedPerDay, double ShareOfOracle, double ShareOfOracleLift);

/// <summary>
/// A value scorer against the simulator's hidden TrueValue: AUC for "a top-quarter customer", each customer scored by
/// the mean of their cases' value scores (a post's intent and mood move one case's score; the customer's worth stays).
/// </summary>
public sealed record ValueTruth(string Model, double Auc);

/// <summary>A case as the analyse stage briefed it, with the simulator's truth about its customer and post.</summary>
public sealed record BriefedCase(SimulatedCustomer Customer, CustomerValueFeatures Features, string TrueIntent);

/// <summary>
/// Days of cases on which reply-kind policies spend a daily budget of personalised replies. Outcomes are the expected
/// happy customers under the simulator's truth (CustomerResponse), so policies are compared without sampling noise,
/// and every policy sees the same cases. The cases either come from the simulated world directly (Generate) or are
/// the briefs the pipeline wrote (replayed by the evaluate command).
/// </summary>
public static class SimulatedDays
{
    private sealed record DayCase(BriefedCase Case, ReplyKindResult Advice, ReplyKindResult Rule)
    {
        public double Gain => CustomerResponse.Gain(Case.Customer.TrueValue, Case.TrueIntent);
    }

    /// <summary>
    /// Posts from the world, briefed with the given sentiment and intent scorers; customer histories evolve as under
    /// standard replies (every policy must see the same cases).
    /// </summary>
    public static List<BriefedCase> Generate(SimulatedWorld world, DayScorers scorers, int days, int casesPerDay)
    {
        var detector = new StopwordLanguageDetector();
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var history = new Dictionary<SimulatedCustomer, (DateTimeOffset FirstSeen, RelationshipStatus Status, List<(DateTimeOffset At, string Intent)> Posts)>();
        var cases = new List<BriefedCase>(days * casesPerDay);
        for (var n = 0; n < days * casesPerDay; n++)
        {
            var now = start.AddSeconds(86_400.0 * n / casesPerDay);
            var (signal, customer, trueIntent) = world.NextPost(now);
            var text = new AnalysedText(signal.Text!);
            text.Language = detector.Detect(text);
            var sentiment = scorers.Sentiment.Score(text);
            var intent = scorers.Intent.Classify(text).Label;
            if (!history.TryGetValue(customer, out var h))
                history[customer] = h = (customer.InBackOffice ? start.AddDays(-customer.CustomerForDays) : now, RelationshipStatus.Stranger, []);
            var recent = h.Posts.Where(p => p.At >= now.AddDays(-30)).ToList();
            cases.Add(new BriefedCase(customer, new CustomerValueFeatures(customer.LifetimeRevenue, (now - h.FirstSeen).TotalDays, recent.Count,
                recent.Count(p => p.Intent == IntentResult.Complaint), customer.Followers, (int)h.Status, sentiment.Score, intent, customer.Platform), trueIntent));
            h.Posts.Add((now, intent));
            history[customer] = h with { Status = RelationshipLadder.Next(h.Status, true, sentiment.Score, false, recent.Count) };
        }
        return cases;
    }

    public static (IReadOnlyList<PolicyOutcome> Policies, IReadOnlyList<ValueTruth> Value) Run(IReadOnlyList<BriefedCase> briefed, ICustomerValueScorer valueScorer,
        IReplyKindAdvisor advisor, int casesPerDay, int budget, IProgress<int>? progress = null)
    {
        var formula = new ValueFormulaBaseline();
        var rule = new ReplyKindBaseline();
        var totals = new Dictionary<string, (double Happy, double Personalised)>();
        var modelThreshold = 0.0;
        var valueScores = new Dictionary<SimulatedCustomer, List<(double Model, double Formula)>>();
        var days = briefed.Count / casesPerDay;

        for (var day = 0; day < days; day++)
        {
            var cases = new List<DayCase>(casesPerDay);
            foreach (var c in briefed.Skip(day * casesPerDay).Take(casesPerDay))
            {
                var value = valueScorer.Score(c.Features).Score;
                var formulaValue = formula.Score(c.Features).Score;
                if (!valueScores.TryGetValue(c.Customer, out var scores)) valueScores[c.Customer] = scores = [];
                scores.Add((value, formulaValue));
                cases.Add(new DayCase(c, advisor.Recommend(c.Features, value), rule.Recommend(c.Features, formulaValue)));
            }

            void Score(string policy, Func<DayCase, int, double, bool> personalise)
            {
                var used = 0;
                var happy = 0.0;
                for (var i = 0; i < cases.Count; i++)
                {
                    var c = cases[i];
                    var p = personalise(c, used, (double)i / cases.Count);
                    if (p) used++;
                    happy += CustomerResponse.HappyProbability(p, c.Case.Customer.TrueValue, c.Case.TrueIntent);
                }
                var t = totals.GetValueOrDefault(policy);
                totals[policy] = (t.Happy + happy, t.Personalised + used);
            }
            var oracle = cases.OrderByDescending(c => c.Gain).Take(budget).ToHashSet();
            Score("oracle (knows the truth, whole day in view)", (c, _, _) => oracle.Contains(c));
            Score("always standard", (_, _, _) => false);
            Score("always personalised, first come", (_, used, _) => used < budget);
            Score("baseline rule, first come", (c, used, _) => new ReplyBudget(budget, 0).Personalise(c.Rule, used));
            var todays = new ReplyBudget(budget, modelThreshold);
            Score($"{advisor.ModelName} with the budget", (c, used, dayFraction) => todays.Personalise(c.Advice, used, dayFraction));
            modelThreshold = ReplyBudget.ThresholdFrom(cases.Select(c => c.Advice.Gain ?? (c.Advice.Kind == ReplyKindResult.Personalised ? 1 : 0)), budget);
            progress?.Report(day + 1);
        }

        var oracleHappy = totals.First().Value.Happy;
        var standardHappy = totals["always standard"].Happy;
        var policies = totals.Select(t => new PolicyOutcome(t.Key, t.Value.Happy / days, t.Value.Personalised / days, t.Value.Happy / oracleHappy,
            (t.Value.Happy - standardHappy) / (oracleHappy - standardHappy))).ToList();

        var customers = valueScores.Keys.ToList();
        var cut = customers.Select(c => c.TrueValue).Order().ElementAt(customers.Count * 3 / 4);
        var top = customers.Select(c => c.TrueValue >= cut).ToList();
        IReadOnlyList<ValueTruth> truth =
        [
            new(valueScorer.ModelName, ClassMetrics.RocAuc(top, customers.Select(c => valueScores[c].Average(v => v.Model)).ToList())),
            new(formula.ModelName, ClassMetrics.RocAuc(top, customers.Select(c => valueScores[c].Average(v => v.Formula)).ToList())),
        ];
        return (policies, truth);
    }
}
