using SocialCrm.Scoring.Topics;

namespace SocialCrm.Tests.Insights;

public class SpikeDetectorTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30), Day = TimeSpan.FromHours(24);

    [TestCase(0, 2.0)]
    [TestCase(5, 2.0)]
    [TestCase(20, 3.0)]
    [TestCase(40, 0.5)]
    public void The_poisson_tail_is_the_sum_of_its_terms(int k, double lambda)
    {
        double term = Math.Exp(-lambda), below = 0;
        for (var i = 0; i < k; i++) { below += term; term *= lambda / (i + 1); }
        Assert.That(SpikeDetector.PoissonAtLeast(k, lambda), Is.EqualTo(1 - below).Within(1e-12 + 1e-9 * (1 - below)));
    }

    [TestCase(0, 10, 0.3)]
    [TestCase(7, 10, 0.3)]
    [TestCase(25, 30, 0.3)]
    public void The_binomial_tail_is_the_sum_of_its_terms(int k, int n, double p)
    {
        double sum = 0;
        for (var i = k; i <= n; i++) sum += Math.Exp(Choose(n, i)) * Math.Pow(p, i) * Math.Pow(1 - p, n - i);
        Assert.That(SpikeDetector.BinomialAtLeast(k, n, p), Is.EqualTo(sum).Within(1e-12 + 1e-9 * sum));
    }

    private static double Choose(int n, int k) => Enumerable.Range(1, k).Sum(i => Math.Log(n - k + i) - Math.Log(i));

    [Test]
    public void A_topic_at_its_usual_rate_raises_nothing_and_four_times_its_rate_a_volume_spike_in_words()
    {
        // 144 posts a day is 3 per half hour.
        Assert.That(SpikeDetector.Check(new TopicActivity(6, 1, 144, 30, Window, Day)), Is.Empty, "twice the rate is within what a quiet day gives");
        var spikes = SpikeDetector.Check(new TopicActivity(16, 3, 144, 30, Window, Day));
        Assert.That(spikes.Select(s => s.Kind), Is.EqualTo(new[] { SpikeKind.Volume }));
        Assert.That(spikes[0].Reason, Is.EqualTo("16 posts in 30 minutes, 5.3 times the 3 expected from the last 24 hours"));
    }

    [Test]
    public void A_new_topic_needs_a_crowd_not_a_handful()
    {
        Assert.That(SpikeDetector.Check(new TopicActivity(5, 5, 0, 0, Window, Day)), Is.Empty, "below the fewest posts for an alert");
        Assert.That(SpikeDetector.Check(new TopicActivity(12, 2, 0, 0, Window, Day)).Select(s => s.Kind), Is.EqualTo(new[] { SpikeKind.Volume }));
    }

    [Test]
    public void A_busy_topic_turning_negative_raises_a_negative_share_spike()
    {
        // 1,440 a day (30 per half hour), a fifth negative; now 30 posts, 22 negative.
        var spikes = SpikeDetector.Check(new TopicActivity(30, 22, 1440, 288, Window, Day));
        Assert.That(spikes.Select(s => s.Kind), Is.EqualTo(new[] { SpikeKind.NegativeShare }));
        Assert.That(spikes[0].Reason, Does.StartWith("73% negative in 30 minutes (22 of 30) against 20% in the last 24 hours"));
        Assert.That(SpikeDetector.Check(new TopicActivity(30, 10, 1440, 288, Window, Day)), Is.Empty, "a third negative is within a fifth's spread");
    }
}
