using SocialCrm.Scoring.Intent;
using SocialCrm.Scoring.Outcomes;
using SocialCrm.Scoring.ReplyKind;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Scoring.Value;

namespace SocialCrm.Simulation.Evaluation;

/// <summary>
/// Measured cases drawn straight from the simulator's truth, without running the stages: for tests of the outcome
/// trainers and for the scoring bench. Reply kinds are chosen at random, whatever the brief recommended, so both
/// kinds are seen for every customer.
/// </summary>
public static class SimulatedOutcomes
{
    public static List<OutcomeExample> Examples(SimulatedWorld world, int count, Random random)
    {
        var sentiment = new LexiconSentimentBaseline();
        var intent = new KeywordIntentBaseline();
        var examples = new List<OutcomeExample>(count);
        for (var i = 0; i < count; i++)
        {
            var (signal, customer, trueIntent) = world.NextPost(DateTimeOffset.UnixEpoch);
            var s = sentiment.Score(signal.Text!, customer.Language);
            var tenure = customer.InBackOffice ? customer.CustomerForDays + random.Next(0, 30) : random.Next(0, 30);
            var features = new CustomerValueFeatures(customer.LifetimeRevenue, tenure, random.Next(0, 5), random.Next(0, 2), customer.Followers,
                random.Next(0, 3), s.Score, intent.Classify(signal.Text!, customer.Language).Label, customer.Platform);
            var personalised = random.NextDouble() < 0.5;
            var followedUp = random.NextDouble() < 0.55;
            var pleased = random.NextDouble() < CustomerResponse.HappyProbability(personalised, customer.TrueValue, trueIntent);
            var happy = followedUp && pleased;
            var bought = random.NextDouble() < CustomerResponse.BuyAgainProbability(customer.TrueValue, pleased);
            var accepted = random.NextDouble() < 0.3 && random.NextDouble() < CustomerResponse.AcceptProbability(customer.TrueValue);
            var recommended = random.NextDouble() < 0.5 ? ReplyKindResult.Personalised : ReplyKindResult.Standard;
            examples.Add(new OutcomeExample($"sim-{i}", features, 0, recommended, personalised ? ReplyKindResult.Personalised : ReplyKindResult.Standard,
                followedUp, happy, bought, happy || bought || accepted));
        }
        return examples;
    }
}
