using SocialCrm.Scoring.Value;

namespace SocialCrm.Scoring.Outcomes;

/// <summary>
/// A measured case as a labelled example: what the analyse stage knew (features, the value it scored), what the
/// brief recommended and the agent did (reply kind), and how it went. FollowedUp: the customer answered our reply; Happy: that answer was
/// positive; BoughtAgain: they bought within the outcome window. PaidOff: happy, bought again, or accepted a
/// connection request. Key identifies the case and fixes its side of the held-out split.
/// </summary>
public sealed record OutcomeExample(string Key, CustomerValueFeatures Features, double Value, string RecommendedKind, string ReplyKind, bool FollowedUp, bool Happy,
    bool BoughtAgain, bool PaidOff);
