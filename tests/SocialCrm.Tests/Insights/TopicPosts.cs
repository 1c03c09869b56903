using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Signals;
using SocialCrm.Persistence;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Simulation;
using SocialCrm.Simulation.Evaluation;

namespace SocialCrm.Tests.Insights;

/// <summary>Two days of everyday posts in the store, and (unless told not to) a wave about the leaking AeroBlend 3000 that began 45 minutes ago.</summary>
public static class TopicPosts
{
    public static readonly TopicWave LeakNow = TopicWaves.ProductDefect with
    {
        Start = TimeSpan.FromHours(48) - TimeSpan.FromMinutes(45), Length = TimeSpan.FromMinutes(90), Posts = 60,
    };

    public static async Task<int> SeedAsync(IServiceProvider services, DateTime now, int perDay = 600, bool wave = true)
    {
        var start = now.AddHours(-48);
        var world = new SimulatedWorld(new SimulationOptions { Seed = 7, Customers = 300, FinnishShare = 0.3 });
        var posts = TopicWeek.Generate(world, new LexiconSentimentBaseline(), start, days: 2, perDay, wave ? [LeakNow] : [], seed: 11)
            .Where(p => p.Document.At <= now).ToList();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var n = 0;
        foreach (var p in posts)
            db.Signals.Add(new Signal
            {
                Platform = "x", PlatformPostId = $"topic-{n++}", AuthorHandle = $"author{n % 300}", Text = p.Document.Text, Language = p.Document.Language,
                PostedAt = p.Document.At, ReceivedAt = p.Document.At, CapturedAt = p.Document.At, Sentiment = p.Negative ? "negative" : "neutral",
                Intent = p.Wave is null ? "other" : "complaint",
            });
        await db.SaveChangesAsync();
        return posts.Count;
    }
}
