namespace SocialCrm.Scoring.ReplyKind;

/// <summary>
/// Agents can write only so many personalised replies a day. Cases arrive one at a time, so the budget is spent
/// online: personalise when the advisor says so, its expected gain reaches the threshold, and some budget is left.
/// The threshold is the gain of about the PerDay-th best case of the day before, so a good day's budget goes to the
/// best cases instead of the first ones; a day that runs behind its spending schedule lowers it. An advisor without
/// gain estimates (the baseline rule) spends first come, first served.
/// </summary>
public sealed record ReplyBudget(int PerDay, double Threshold)
{
    public static ReplyBudget Unlimited { get; } = new(0, 0);

    /// <param name="dayFraction">how much of the day has gone (0..1). Behind schedule by a tenth of the budget, the bar
    /// drops to zero until spending catches up: yesterday's bar is only a guess, and an unspent reply is lost.</param>
    public bool Personalise(ReplyKindResult advice, int usedToday, double dayFraction = 0)
    {
        if (advice.Kind != ReplyKindResult.Personalised || (PerDay > 0 && usedToday >= PerDay)) return false;
        if (advice.Gain is not { } gain) return true;
        var behind = PerDay > 0 && usedToday < PerDay * (dayFraction - 0.1);
        return gain >= (behind ? 0 : Threshold);
    }

    /// <summary>Aim a little below the PerDay-th best case: days vary, and budget left over at midnight is lost.</summary>
    public const double Headroom = 1.2;

    /// <summary>Which of the day's best gains sets the next day's bar.</summary>
    public static int Rank(int perDay) => (int)Math.Ceiling(perDay * Headroom);

    /// <summary>The threshold for tomorrow from today's gains: the (Headroom × PerDay)-th largest, or 0 when fewer cases came.</summary>
    public static double ThresholdFrom(IEnumerable<double> gains, int perDay)
    {
        if (perDay <= 0) return 0;
        var rank = Rank(perDay);
        var best = gains.OrderDescending().Take(rank).ToList();
        return best.Count < rank ? 0 : Math.Max(0, best[^1]);
    }
}
