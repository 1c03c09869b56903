using SocialCrm.Scoring.Intent;

namespace SocialCrm.Scoring.Value;

/// <summary>
/// What is known of a customer, as numbers a linear model can weigh: money, tenure, reach and counts on log or capped
/// scales, money and reach also saturating (1 − e^(−x/scale): the next thousand euros matter less than the first),
/// rung, intent and platform one-hot. Each feature has words for the agent ("lifetime revenue 2400 €").
/// </summary>
public static class ValueFeaturizer
{
    public static readonly string[] Platforms = ["x", "instagram", "facebook", "trustpilot", "linkedin"];

    public static readonly string[] Names =
    [
        "revenue", "no revenue", "tenure", "interactions", "complaints", "followers", "sentiment",
        "status stranger", "status acquaintance", "status regular", "status friend",
        .. IntentResult.Labels.Select(l => $"intent {l}"),
        .. Platforms.Select(p => $"platform {p}"), "platform other",
        "revenue saturating", "followers saturating",
    ];

    public static int Dimension => Names.Length;

    /// <summary>Features that state the same fact on another scale: (revenue, revenue saturating), (followers, followers saturating).</summary>
    public static readonly (int Feature, int SameFact)[] SameFact = [(0, 22), (5, 23)];

    public static double[] Featurize(CustomerValueFeatures f)
    {
        var x = new double[Dimension];
        Featurize(f, x);
        return x;
    }

    /// <summary>The features into x (Dimension wide), without allocating: scoring runs once per signal.</summary>
    public static void Featurize(CustomerValueFeatures f, Span<double> x)
    {
        x[..Dimension].Clear();
        x[0] = Math.Log(1 + Math.Max(0, f.LifetimeRevenue));
        x[1] = f.LifetimeRevenue <= 0 ? 1 : 0;
        x[2] = Math.Log(1 + Math.Max(0, f.TenureDays));
        x[3] = Math.Min(f.Interactions30Days, 20);
        x[4] = Math.Min(f.Complaints30Days, 10);
        x[5] = Math.Log(1 + Math.Max(0, f.Followers));
        x[6] = f.Sentiment;
        x[7 + Math.Clamp(f.Status, 0, 3)] = 1;
        var intent = Array.IndexOf(IntentResult.Labels, f.Intent);
        x[11 + (intent < 0 ? IntentResult.Labels.Length - 1 : intent)] = 1;
        var platform = Array.IndexOf(Platforms, f.Platform);
        x[16 + (platform < 0 ? Platforms.Length : platform)] = 1;
        x[22] = 1 - Math.Exp(-Math.Max(0, f.LifetimeRevenue) / 1000);
        x[23] = 1 - Math.Exp(-Math.Max(0, f.Followers) / 5000.0);
    }

    /// <summary>Feature j of these features in an agent's words.</summary>
    public static string Describe(int j, CustomerValueFeatures f) => j switch
    {
        0 => $"lifetime revenue {f.LifetimeRevenue:0} €",
        1 => "no revenue yet",
        2 => $"customer for {f.TenureDays:0} days",
        3 => $"{f.Interactions30Days} interactions in 30 days",
        4 => $"{f.Complaints30Days} complaints in 30 days",
        5 => $"{f.Followers} followers",
        6 => $"sentiment {f.Sentiment:+0.00;-0.00;0}",
        >= 7 and <= 10 => $"relationship status {Names[j][7..]}",
        >= 11 and <= 15 => $"a {Names[j][7..]}",
        >= 16 and <= 21 => $"on {(j - 16 < Platforms.Length ? Platforms[j - 16] : f.Platform)}",
        22 => $"lifetime revenue {f.LifetimeRevenue:0} €",
        _ => $"{f.Followers} followers",
    };
}
