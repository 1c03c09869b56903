using SocialCrm.Scoring.Intent;
using SocialCrm.Scoring.Outcomes;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Scoring.Value;
using SocialCrm.Simulation;
using SocialCrm.Simulation.Evaluation;

namespace SocialCrm.Tests.Scoring;

/// <summary>
/// Value and reply kind learned from measured cases whose hidden truth the simulator knows (CustomerResponse): the
/// models must find that truth from the features alone, and the budgeted policy must come close to the oracle. Once
/// for each ML.NET family: 0 linear (logistic regression), 1 LightGbm.
/// </summary>
[TestFixture(0)]
[TestFixture(1)]
public class OutcomeModelTests(int family)
{
    private TrainedValueModel _value = null!;
    private TrainedReplyKindModel _reply = null!;
    private List<OutcomeExample> _heldOut = null!;

    [OneTimeSetUp]
    public void Train()
    {
        var world = new SimulatedWorld(new SimulationOptions { Customers = 1000, Seed = 5 });
        var (train, heldOut) = OutcomeTrainer.Split(SimulatedOutcomes.Examples(world, 6000, new Random(1)));
        _heldOut = heldOut;
        _value = OutcomeTrainer.TrainValue(train, "test")[family].Model;
        _reply = OutcomeTrainer.TrainReplyKind(train, "test")[family].Model;
        TestContext.Out.WriteLine($"{_value.Trainer}: value {_value.Setting}, reply kind {_reply.Setting}");
    }

    private static CustomerValueFeatures Customer(double revenue, int followers, string intent, double sentiment) =>
        new(revenue, 300, 1, intent == "complaint" ? 1 : 0, followers, 1, sentiment, intent, "x");

    [Test]
    public void Personalising_is_expected_to_gain_most_for_valuable_unhappy_customers()
    {
        var vip = _reply.Recommend(Customer(5000, 30000, "complaint", -0.6), 0);
        var nobody = _reply.Recommend(Customer(0, 20, "praise", 0.7), 0);
        Assert.That(vip.Gain, Is.GreaterThan(nobody.Gain!.Value + 0.1));
        Assert.That(vip.Kind, Is.EqualTo(ReplyKindResult.Personalised));
        Assert.That(vip.Reason, Does.Contain("points of happy outcomes"));
    }

    [Test]
    public void Value_is_a_calibrated_probability_that_grows_with_the_customer_and_explains_itself()
    {
        Assert.That(OutcomeEvaluation.ValueCalibrationError(_value, _heldOut), Is.LessThan(0.05), "read as the probability of paying off");
        var result = _value.Score(Customer(5000, 30000, "complaint", -0.6));
        Assert.That(result.Score, Is.GreaterThan(_value.Score(Customer(0, 20, "other", 0)).Score));
        Assert.That(result.Reasons.Select(r => r.Reason), Has.Some.Contains("lifetime revenue 5000 €").Or.Some.Contains("30000 followers"));
        // Revenue and followers are features on two scales each; a brief names each fact once, with its net push.
        var repeated = _heldOut.Select(e => _value.Score(e.Features).Reasons.Select(r => r.Reason[..^2]).ToList()).Where(r => r.Distinct().Count() < r.Count).ToList();
        Assert.That(repeated, Is.Empty, $"e.g. {string.Join(", ", repeated.FirstOrDefault() ?? [])}");
    }

    [Test]
    public void Models_survive_a_save_and_load()
    {
        var features = Customer(1200, 800, "question", 0);
        Assert.That(TrainedValueModel.FromJson(_value.ToJson()).Score(features).Score, Is.EqualTo(_value.Score(features).Score).Within(1e-4));
        Assert.That(TrainedReplyKindModel.FromJson(_reply.ToJson()).Recommend(features, 0).Gain, Is.EqualTo(_reply.Recommend(features, 0).Gain).Within(1e-4));
        Assert.That(TrainedValueModel.FromJson(_value.ToJson()).Trainer, Is.EqualTo(family == 0 ? "ML.NET L-BFGS logistic regression" : "ML.NET LightGbm"));
    }

    [Test]
    public void A_value_model_stored_before_MLNET_is_refused_with_the_reason()
    {
        // The shape the releases before 2026-11-25 stored: our own L-BFGS weights and a standardiser, no ML.NET file.
        const string old = """{"Version":"20261124","Model":{"Outputs":1,"Dimension":25,"Weights":"AAAA","Biases":[0]},"Scale":{"Means":[0],"Scales":[1]}}""";
        Assert.That(() => TrainedValueModel.FromJson(old), Throws.TypeOf<FormatException>().With.Message.Contains("before ML.NET").And.Message.Contains("train it again"));
    }

    [Test]
    public void On_simulated_days_the_budgeted_policy_reaches_90_percent_of_the_oracle()
    {
        var world = new SimulatedWorld(new SimulationOptions { Customers = 1000, Seed = 9 });
        var days = SimulatedDays.Generate(world, new DayScorers(new LexiconSentimentBaseline(), new KeywordIntentBaseline(), _value, _reply), days: 8, casesPerDay: 150);
        var (policies, truth) = SimulatedDays.Run(days, _value, _reply, casesPerDay: 150, budget: 30);
        foreach (var p in policies) TestContext.Out.WriteLine($"{p.Policy}: {p.HappyPerDay:0.0} happy/day, {p.PersonalisedPerDay:0.0} personalised, {p.ShareOfOracle:P1} of oracle, {p.ShareOfOracleLift:P1} of its gain");
        foreach (var t in truth) TestContext.Out.WriteLine($"{t.Model}: AUC {t.Auc:0.000} against TrueValue");
        var model = policies.Single(p => p.Policy.StartsWith(_reply.ModelName));
        var rule = policies.Single(p => p.Policy.StartsWith("baseline rule"));
        Assert.Multiple(() =>
        {
            Assert.That(model.ShareOfOracle, Is.GreaterThanOrEqualTo(0.9), "the issue's goal");
            Assert.That(model.ShareOfOracleLift, Is.GreaterThan(rule.ShareOfOracleLift), "more of the oracle's gain than the baseline rule");
            Assert.That(model.PersonalisedPerDay, Is.LessThanOrEqualTo(30), "never over the budget");
            Assert.That(truth.Single(t => t.Model == _value.ModelName).Auc, Is.GreaterThan(0.8), "the value model ranks customers by their hidden value");
        });
    }

    [Test]
    public void Too_few_or_one_sided_cases_are_refused_with_the_reason()
    {
        var few = _heldOut.Take(20).ToList();
        Assert.That(() => OutcomeTrainer.TrainValue(few, "x"), Throws.InvalidOperationException.With.Message.Contains("at least 50"));
        var standardOnly = _heldOut.Select(e => e with { ReplyKind = ReplyKindResult.Standard }).ToList();
        Assert.That(() => OutcomeTrainer.TrainReplyKind(standardOnly, "x"), Throws.InvalidOperationException.With.Message.Contains("one kind"));
    }
}
