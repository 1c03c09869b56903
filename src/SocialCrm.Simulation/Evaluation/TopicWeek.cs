using SocialCrm.Scoring.Language;
using SocialCrm.Scoring.Metrics;
using SocialCrm.Scoring.Sentiment;
using SocialCrm.Scoring.Text;
using SocialCrm.Scoring.Topics;

namespace SocialCrm.Simulation.Evaluation;

/// <summary>A post of the simulated week: the document topics are found in, and the truth (its wave, or none).</summary>
public sealed record WeekPost(TopicDocument Document, string? Wave, bool Negative);

/// <summary>How well one injected wave was recovered: the topic holding most of its posts, and when an alert named it.</summary>
public sealed record WaveRecovery(string Wave, DateTime Start, int Posts, string? Topic, double Recall, double Precision, TimeSpan? AlertDelay, string? AlertReason);

public sealed record WeekAlert(DateTime At, string Topic, SpikeKind Kind, string Reason, string? Wave);

public sealed record TopicWeekReport(int Posts, int Topics, double AdjustedRandIndex, double Purity, IReadOnlyList<WaveRecovery> Waves,
    IReadOnlyList<WeekAlert> Alerts, int FalseAlarms, TimeSpan Checked, TimeSpan DiscoveryTime, IReadOnlyList<DiscoveredTopic> TopicList);

/// <summary>
/// A simulated week of posts with topic waves injected at known times, and the measurement of topic discovery and
/// spike alerts against them. Discovery over the whole week gives the agreement with the truth (adjusted Rand index
/// and purity over the waves' posts; each wave's recall and precision in its topic). The alerts are replayed as the
/// product raises them: topics recomputed every <c>recompute</c> over the last 7 days, posts between recomputations
/// assigned to the topics of the last one, the detector run every 5 minutes after the first day (its baseline).
/// </summary>
public static class TopicWeek
{
    public static List<WeekPost> Generate(SimulatedWorld world, ISentimentScorer sentiment, DateTime start, int days, int postsPerDay,
        IReadOnlyList<TopicWave> waves, int seed)
    {
        var random = new Random(seed);
        var detector = new StopwordLanguageDetector();
        var posts = new List<WeekPost>();
        WeekPost Post(string text, DateTime at, string? wave)
        {
            var analysed = new AnalysedText(text);
            analysed.Language = detector.Detect(analysed);
            return new WeekPost(new TopicDocument(text, analysed.Language, at), wave, sentiment.Score(analysed).Label == "negative");
        }

        // Background: the world's everyday posts, busier by day (peak 15:00, quietest 03:00).
        var span = TimeSpan.FromDays(days);
        while (posts.Count < postsPerDay * days)
        {
            var at = start + span * random.NextDouble();
            if (random.NextDouble() > 0.5 + 0.5 * Math.Sin(2 * Math.PI * (at.TimeOfDay.TotalHours - 9) / 24)) continue;
            posts.Add(Post(world.NextPost(at).Signal.Text!, at, null));
        }
        foreach (var wave in waves)
            for (var i = 0; i < wave.Posts; i++)
            {
                // Triangular arrival: rises to its peak at a third of the wave's length, then tails off.
                var u = random.NextDouble();
                const double peak = 1 / 3.0;
                var share = u < peak ? Math.Sqrt(u * peak) : 1 - Math.Sqrt((1 - u) * (1 - peak));
                var texts = random.NextDouble() < 0.3 ? wave.Finnish : wave.English;
                posts.Add(Post(texts[random.Next(texts.Length)] + Suffixes[random.Next(Suffixes.Length)], start + wave.Start + wave.Length * share, wave.Name));
            }
        posts.Sort((a, b) => a.Document.At.CompareTo(b.Document.At));
        return posts;
    }

    private static readonly string[] Suffixes = ["", "", "", " @brand", "!", " 😡", " #fail", " ?", " Any news?", " 👍"];

    public static TopicWeekReport Evaluate(IReadOnlyList<WeekPost> posts, IReadOnlyList<TopicWave> waves, DateTime start, TimeSpan recompute,
        SpikeOptions? spikes = null, TopicDiscoveryOptions? discovery = null)
    {
        spikes ??= new SpikeOptions();
        discovery ??= new TopicDiscoveryOptions();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var whole = TopicDiscovery.Discover(posts.Select(p => p.Document).ToList(), discovery);
        var discoveryTime = clock.Elapsed;

        var inWaves = Enumerable.Range(0, posts.Count).Where(i => posts[i].Wave is not null).ToList();
        var ari = ClusterAgreement.AdjustedRandIndex(inWaves.Select(i => posts[i].Wave!).ToList(), inWaves.Select(i => whole.Assignments[i]).ToList());
        var purity = ClusterAgreement.Purity(inWaves.Select(i => posts[i].Wave!).ToList(), inWaves.Select(i => whole.Assignments[i]).ToList());

        var alerts = Replay(posts, start, recompute, spikes, discovery);
        var recovery = waves.Select(w =>
        {
            var mine = inWaves.Where(i => posts[i].Wave == w.Name).ToList();
            var topic = mine.GroupBy(i => whole.Assignments[i]).MaxBy(g => g.Count());
            var found = topic is null || topic.Key < 0 ? null : whole.Topics[topic.Key];
            var topicSize = topic is null ? 0 : whole.Assignments.Count(a => a == topic.Key);
            var alert = alerts.FirstOrDefault(a => a.Wave == w.Name);
            return new WaveRecovery(w.Name, start + w.Start, mine.Count, found?.Label, topic is null ? 0 : topic.Count() / (double)mine.Count,
                topicSize == 0 ? 0 : topic!.Count() / (double)topicSize, alert is null ? null : alert.At - (start + w.Start), alert?.Reason);
        }).ToList();
        var end = posts.Count == 0 ? start : posts[^1].Document.At;
        return new TopicWeekReport(posts.Count, whole.Topics.Count, ari, purity, recovery, alerts, alerts.Count(a => a.Wave is null),
            end - start - spikes.Baseline, discoveryTime, whole.Topics);
    }

    /// <summary>The alerts the product would raise over the week, each attributed to the wave most of its window's posts belong to (or none: a false alarm).</summary>
    private static List<WeekAlert> Replay(IReadOnlyList<WeekPost> posts, DateTime start, TimeSpan recompute, SpikeOptions spikes, TopicDiscoveryOptions discovery)
    {
        var step = TimeSpan.FromMinutes(5);
        var topicOf = new string?[posts.Count];
        var clusterOf = Enumerable.Repeat(-1, posts.Count).ToArray();
        TopicModel? model = null;
        var assignedUpTo = 0;
        var lastRecompute = DateTime.MinValue;
        var lastAlert = new Dictionary<(string, SpikeKind), DateTime>();
        var alerts = new List<WeekAlert>();
        var end = posts.Count == 0 ? start : posts[^1].Document.At;
        for (var now = start + spikes.Baseline + spikes.Window; now <= end; now += step)
        {
            var seen = UpTo(posts, now);
            if (now - lastRecompute >= recompute)
            {
                var from = UpTo(posts, now - TimeSpan.FromDays(7));
                var window = Enumerable.Range(from, seen - from).ToList();
                model = TopicDiscovery.Discover(window.Select(i => posts[i].Document).ToList(), discovery,
                    model is null ? null : window.Select(i => clusterOf[i]).ToList());
                for (var k = 0; k < window.Count; k++)
                {
                    topicOf[window[k]] = model.Assignments[k] < 0 ? null : model.Topics[model.Assignments[k]].Key;
                    clusterOf[window[k]] = model.Clusters[k];
                }
                lastRecompute = now;
            }
            else
                for (var i = assignedUpTo; i < seen; i++)
                    topicOf[i] = model!.Assign(posts[i].Document) is var t and >= 0 ? model.Topics[t].Key : null;
            assignedUpTo = seen;

            var recentFrom = UpTo(posts, now - spikes.Window);
            var baselineFrom = UpTo(posts, now - spikes.Window - spikes.Baseline);
            var counts = new Dictionary<string, (int Recent, int RecentNegative, int Baseline, int BaselineNegative)>(StringComparer.Ordinal);
            for (var i = baselineFrom; i < seen; i++)
            {
                if (topicOf[i] is not { } key) continue;
                var c = counts.GetValueOrDefault(key);
                if (i >= recentFrom) { c.Recent++; if (posts[i].Negative) c.RecentNegative++; }
                else { c.Baseline++; if (posts[i].Negative) c.BaselineNegative++; }
                counts[key] = c;
            }
            foreach (var (key, c) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
                foreach (var spike in SpikeDetector.Check(new TopicActivity(c.Recent, c.RecentNegative, c.Baseline, c.BaselineNegative, spikes.Window, spikes.Baseline), spikes))
                {
                    if (lastAlert.TryGetValue((key, spike.Kind), out var last) && now - last < TimeSpan.FromHours(6)) continue;
                    lastAlert[(key, spike.Kind)] = now;
                    var wave = Enumerable.Range(recentFrom, seen - recentFrom).Where(i => topicOf[i] == key)
                        .GroupBy(i => posts[i].Wave).MaxBy(g => g.Count())!.Key;
                    var label = model!.Topics.FirstOrDefault(t => t.Key == key)?.Label ?? key;
                    alerts.Add(new WeekAlert(now, label, spike.Kind, spike.Reason, wave));
                }
        }
        return alerts;
    }

    /// <summary>The number of posts before the time (posts are in time order).</summary>
    private static int UpTo(IReadOnlyList<WeekPost> posts, DateTime at)
    {
        int lo = 0, hi = posts.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (posts[mid].Document.At < at) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
