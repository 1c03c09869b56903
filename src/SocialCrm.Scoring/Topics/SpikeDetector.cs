using MathNet.Numerics;

namespace SocialCrm.Scoring.Topics;

/// <summary>A topic's posts in the window just ended and in the baseline before it (all, and those scored negative).</summary>
public readonly record struct TopicActivity(int Recent, int RecentNegative, int Baseline, int BaselineNegative, TimeSpan RecentWindow, TimeSpan BaselineWindow);

public sealed record SpikeOptions
{
    /// <summary>The window a spike is looked for in, and the baseline it is compared with (just before it).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan Baseline { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The chance, on a quiet topic, of a window as extreme as the one seen: below it the rise is a spike.</summary>
    public double Alpha { get; init; } = 1e-6;

    /// <summary>Fewest posts in the window for any alert; a handful of posts is no crisis however quiet the topic was.</summary>
    public int MinPosts { get; init; } = 6;

    /// <summary>A volume spike is also at least this many times the expected count.</summary>
    public double MinRatio { get; init; } = 3;

    /// <summary>A negative-share spike is also at least this much above the baseline share (0 to 1).</summary>
    public double MinShareRise { get; init; } = 0.25;

    /// <summary>A topic's baseline rate is at least this many posts per window, so a brand-new topic is not infinitely surprising.</summary>
    public double MinExpected { get; init; } = 0.5;
}

public enum SpikeKind { Volume, NegativeShare }

public sealed record Spike(SpikeKind Kind, int Observed, double Expected, double PValue, string Reason);

/// <summary>
/// Spike alerts by two one-sided tests against the topic's own baseline: volume, the window's count against a
/// Poisson with the baseline's rate; negative share, the window's negative count against a binomial with the
/// baseline's share (Laplace-smoothed). Both need a p-value below Alpha and a practical size (MinPosts, MinRatio,
/// MinShareRise): with ~40 topics checked every 5 minutes a quiet week is about 80,000 tests, so Alpha 1e-6 expects
/// under 0.1 false alarms a week if counts were Poisson; the measured rate on the simulated quiet week is in the README.
/// </summary>
public static class SpikeDetector
{
    public static IReadOnlyList<Spike> Check(TopicActivity a, SpikeOptions? options = null)
    {
        options ??= new SpikeOptions();
        var spikes = new List<Spike>();
        if (a.Recent < options.MinPosts) return spikes;

        var rate = a.BaselineWindow > TimeSpan.Zero ? a.Baseline * (a.RecentWindow / a.BaselineWindow) : 0;
        var expected = Math.Max(rate, options.MinExpected);
        var volumeP = PoissonAtLeast(a.Recent, expected);
        if (volumeP < options.Alpha && a.Recent >= options.MinRatio * expected)
            spikes.Add(new Spike(SpikeKind.Volume, a.Recent, expected, volumeP,
                $"{a.Recent} posts in {Minutes(a.RecentWindow)}, {a.Recent / expected:0.#} times the {expected:0.#} expected from the last {Hours(a.BaselineWindow)}"));

        var share = (a.BaselineNegative + 1.0) / (a.Baseline + 2.0);
        var negativeP = BinomialAtLeast(a.RecentNegative, a.Recent, share);
        var recentShare = a.RecentNegative / (double)a.Recent;
        if (negativeP < options.Alpha && recentShare >= share + options.MinShareRise)
            spikes.Add(new Spike(SpikeKind.NegativeShare, a.RecentNegative, share * a.Recent, negativeP,
                $"{recentShare * 100:0}% negative in {Minutes(a.RecentWindow)} ({a.RecentNegative} of {a.Recent}) against {share * 100:0}% in the last {Hours(a.BaselineWindow)}"));
        return spikes;
    }

    /// <summary>P(X ≥ k) for X ~ Poisson(λ): the regularised lower incomplete gamma P(k, λ).</summary>
    public static double PoissonAtLeast(int k, double lambda) => k <= 0 ? 1 : SpecialFunctions.GammaLowerRegularized(k, lambda);

    /// <summary>P(X ≥ k) for X ~ Binomial(n, p): the regularised incomplete beta I_p(k, n − k + 1).</summary>
    public static double BinomialAtLeast(int k, int n, double p) =>
        k <= 0 ? 1 : k > n ? 0 : SpecialFunctions.BetaRegularized(k, n - k + 1, p);

    private static string Minutes(TimeSpan t) => $"{t.TotalMinutes:0} minutes";

    private static string Hours(TimeSpan t) => $"{t.TotalHours:0} hours";
}
