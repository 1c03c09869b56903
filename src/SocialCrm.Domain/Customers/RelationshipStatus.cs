namespace SocialCrm.Domain.Customers;

/// <summary>The relationship ladder of the Kassem model: each good exchange may move a customer one rung up.</summary>
public enum RelationshipStatus { Stranger = 0, Acquaintance = 1, Regular = 2, Friend = 3 }

public static class RelationshipLadder
{
    /// <summary>
    /// One rung up after a good exchange (a reply sent and the customer not hostile). Regular needs an earlier
    /// exchange on record, friend needs a personalised reply: familiarity is earned, not granted by one answer.
    /// </summary>
    public static RelationshipStatus Next(RelationshipStatus current, bool replied, double sentiment, bool personalised, int earlierExchanges) =>
        !replied || sentiment <= -0.6 ? current : current switch
        {
            RelationshipStatus.Stranger => RelationshipStatus.Acquaintance,
            RelationshipStatus.Acquaintance when earlierExchanges >= 1 => RelationshipStatus.Regular,
            RelationshipStatus.Regular when personalised && sentiment >= 0 => RelationshipStatus.Friend,
            _ => current,
        };
}
