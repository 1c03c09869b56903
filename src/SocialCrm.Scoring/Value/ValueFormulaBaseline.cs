using SocialCrm.Scoring.Text;

namespace SocialCrm.Scoring.Value;

/// <summary>
/// The baseline value formula, a weighted sum of saturating terms sat(x) = 1 - e^(-x), in 0..1:
///   0.30 sat(revenue / 1000) + 0.10 sat(tenure days / 365) + 0.20 sat(followers / 5000)
/// + 0.15 (status / 3) + 0.10 sat(interactions in 30 days / 5) + 0.15 risk,
/// where risk = 1 for a negative complaint (0.5 for any complaint or negative post), since an unhappy customer
/// who is heard is the one most worth the agent's time.
/// </summary>
public sealed class ValueFormulaBaseline : ICustomerValueScorer
{
    public string ModelName => "baseline-formula-1";

    public ValueResult Score(CustomerValueFeatures f)
    {
        static double Sat(double x) => 1 - Math.Exp(-Math.Max(0, x));
        var risk = f.Intent == "complaint" && f.Sentiment < -0.05 ? 1.0 : f.Intent == "complaint" || f.Sentiment < -0.05 ? 0.5 : 0;
        var terms = new (string Reason, double Weight)[]
        {
            ($"lifetime revenue {f.LifetimeRevenue:0} €", 0.30 * Sat(f.LifetimeRevenue / 1000)),
            ($"customer for {f.TenureDays:0} days", 0.10 * Sat(f.TenureDays / 365)),
            ($"{f.Followers} followers", 0.20 * Sat(f.Followers / 5000.0)),
            ($"relationship status {StatusName(f.Status)}", 0.15 * f.Status / 3.0),
            ($"{f.Interactions30Days} interactions in 30 days", 0.10 * Sat(f.Interactions30Days / 5.0)),
            (f.Complaints30Days > 0 ? $"{f.Complaints30Days} complaints in 30 days" : "unhappy now", 0.15 * risk),
        };
        var score = Math.Round(terms.Sum(t => t.Weight), 4);
        var reasons = terms.Where(t => t.Weight > 0.01).OrderByDescending(t => t.Weight).Take(3)
            .Select(t => new Explanation(t.Reason, Math.Round(t.Weight, 3))).ToList();
        return new ValueResult(score, reasons);
    }

    private static string StatusName(int status) => status switch { 0 => "stranger", 1 => "acquaintance", 2 => "regular", _ => "friend" };
}
