namespace SocialCrm.Domain.Customers;

/// <summary>The relationship ladder of the Kassem model: each good exchange may move a customer one rung up.</summary>
public enum RelationshipStatus { Stranger = 0, Acquaintance = 1, Regular = 2, Friend = 3 }

public static class RelationshipLadder
{
    /// <summary>
    /// One rung up after an exchange: any reply makes a stranger an acquaintance; regular needs an earlier exchange
    /// on record and a customer who is not hostile now; friend needs a personalised reply to a customer who is not
    /// unhappy. Familiarity is earned, not granted by one answer.
    /// </summary>
    public static RelationshipStatus Next(RelationshipStatus current, bool replied, double sentiment, bool personalised, int earlierExchanges) =>
        !replied ? current : current switch
        {
            RelationshipStatus.Stranger => RelationshipStatus.Acquaintance,
            RelationshipStatus.Acquaintance when earlierExchanges >= 1 && sentiment > -0.6 => RelationshipStatus.Regular,
            RelationshipStatus.Regular when personalised && sentiment >= 0 => RelationshipStatus.Friend,
            _ => current,
        };
}
