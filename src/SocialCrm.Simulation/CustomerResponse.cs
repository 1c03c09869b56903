namespace SocialCrm.Simulation;

/// <summary>
/// The simulator's hidden truth of how customers answer a reply; no model sees it. A standard reply makes 45% of
/// customers happy. A personalised one adds 0.10 plus (0.15 + 0.5 × TrueValue) times how much the post's intent
/// wants a personal touch: most for a complaint, least for praise or small talk.
/// </summary>
public static class CustomerResponse
{
    public static double HappyProbability(bool personalised, double trueValue, string intent) =>
        0.45 + (personalised ? Gain(trueValue, intent) : 0);

    public static double Gain(double trueValue, string intent) => 0.10 + (0.15 + 0.5 * trueValue) * IntentWeight(intent);

    private static double IntentWeight(string intent) => intent switch
    {
        "complaint" => 1.0,
        "question" or "request" => 0.6,
        _ => 0.2,
    };

    /// <summary>Connection requests are accepted more often by customers who value the company.</summary>
    public static double AcceptProbability(double trueValue) => 0.3 + 0.6 * trueValue;

    /// <summary>
    /// Buying again soon after a reply: mostly who the customer is (their TrueValue), a little how the exchange went.
    /// </summary>
    public static double BuyAgainProbability(double trueValue, bool happy) => 0.02 + 0.4 * trueValue + (happy ? 0.08 : 0);
}
