using System.Diagnostics;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Scoring.Topics;
using SocialCrm.Simulation;
using SocialCrm.Simulation.Evaluation;

namespace SocialCrm.Cli.Bench;

/// <summary>
/// Topic discovery measured: a cold recomputation over N simulated posts (the week's mix, waves included, scaled to N),
/// a warm one continuing from it, and the simulated week's recovery of its three waves and the alerts they raise.
/// </summary>
public static class TopicBench
{
    public sealed record Result(int Posts, double ColdSeconds, double WarmSeconds, int Topics, TopicWeekReport Week);

    public static Result Run(int posts)
    {
        var monday = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);
        var sentiment = new LexiconSentimentBaseline();
        var many = TopicWeek.Generate(new SimulatedWorld(new SimulationOptions { Seed = 3, Customers = 5000, FinnishShare = 0.3 }), sentiment,
            monday, days: 7, postsPerDay: Math.Max(1, posts / 7), TopicWaves.Week, seed: 5).Select(p => p.Document).ToList();
        foreach (var d in many) _ = d.Terms; // read once, as the stored posts' terms would be: the bench times the grouping
        var clock = Stopwatch.StartNew();
        var cold = TopicDiscovery.Discover(many);
        var coldSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        TopicDiscovery.Discover(many, start: cold.Clusters);
        var warmSeconds = clock.Elapsed.TotalSeconds;

        var week = TopicWeek.Generate(new SimulatedWorld(new SimulationOptions { Seed = 7, Customers = 500, FinnishShare = 0.3 }), sentiment,
            monday, days: 7, postsPerDay: 600, TopicWaves.Week, seed: 11);
        return new Result(many.Count, coldSeconds, warmSeconds, cold.Topics.Count, TopicWeek.Evaluate(week, TopicWaves.Week, monday, TimeSpan.FromMinutes(30)));
    }
}
