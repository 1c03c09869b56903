namespace SocialCrm.Scoring.ReplyKind;

/// <summary>
/// Agents can write only so many personalised replies a day. Cases arrive one at a time, so the budget is spent
/// online: personalise when the advisor says so, its expected gain reaches the threshold, and some budget is left.
/// The threshold is the gain of the PerDay-th best case of the day before, so a good day's budget goes to the best
/// cases instead of the first ones. An advisor without gain estimates (the baseline rule) spends first come, first served.
/// </summary>
public sealed record ReplyBudget(int PerDay, double Threshold)
{
    public static ReplyBudget Unlimited { get; } = new(0, 0);

    public bool Personalise(ReplyKindResult advice, int usedToday) =>
        advice.Kind == ReplyKindResult.Personalised
        && (PerDay <= 0 || usedToday < PerDay)
        && (advice.Gain is not { } gain || gain >= Threshold);

    /// <summary>Aim a little below the PerDay-th best case: days vary, and budget left over at midnight is lost.</summary>
    public const double Headroom = 1.2;

    /// <summary>The threshold for tomorrow from today's gains: the (Headroom × PerDay)-th largest, or 0 when fewer cases came.</summary>
    public static double ThresholdFrom(IEnumerable<double> gains, int perDay)
    {
        if (perDay <= 0) return 0;
        var rank = (int)Math.Ceiling(perDay * Headroom);
        var best = gains.OrderDescending().Take(rank).ToList();
        return best.Count < rank ? 0 : Math.Max(0, best[^1]);
    }
}
