using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Value;

/// <summary>What is known of a customer when a signal arrives. Status is the ladder rung: 0 stranger .. 3 friend.</summary>
public sealed record CustomerValueFeatures(
    double LifetimeRevenue,
    double TenureDays,
    int Interactions30Days,
    int Complaints30Days,
    int Followers,
    int Status,
    double Sentiment,
    string Intent,
    string Platform);

public sealed record ValueResult(double Score, IReadOnlyList<Explanation> Reasons);

public interface ICustomerValueScorer
{
    string ModelName { get; }
    ValueResult Score(CustomerValueFeatures features);
}
