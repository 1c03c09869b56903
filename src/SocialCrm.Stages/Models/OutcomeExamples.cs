using SocialCrm.Domain.Measure;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Scoring.Outcomes;
using SocialCrm.Scoring.Value;

namespace SocialCrm.Stages.Models;

/// <summary>
/// Measured cases as labelled examples: the features the brief kept, the reply the agent sent, and what the
/// measure stage saw afterwards (a positive follow-up, a purchase, an accepted connection request).
/// </summary>
public sealed class OutcomeExamples(CrmDbContext db)
{
    /// <summary>A follow-up at or above this sentiment counts as a happy customer.</summary>
    public const double HappySentiment = 0.05;

    public async Task<List<OutcomeExample>> LoadAsync(CancellationToken ct)
    {
        var rows = await db.CaseMetrics.AsNoTracking().Where(m => m.Action == MeasuredActions.Replied && m.ReplyKind != null)
            .Join(db.CaseBriefs.Where(b => b.FeaturesJson != null), m => m.CaseId, b => b.CaseId,
                (m, b) => new { m.CaseId, b.FeaturesJson, b.ValueScore, b.RecommendedReplyKind, m.ReplyKind, m.SentimentAfter, m.ConnectionOutcome, m.PurchaseAmount })
            .ToListAsync(ct);
        return rows.Select(r =>
        {
            var happy = r.SentimentAfter >= HappySentiment;
            var bought = r.PurchaseAmount > 0;
            return new OutcomeExample(r.CaseId.ToString(), JsonSerializer.Deserialize<CustomerValueFeatures>(r.FeaturesJson!, JsonSerializerOptions.Web)!,
                r.ValueScore, r.RecommendedReplyKind, r.ReplyKind!, r.SentimentAfter is not null, happy, bought, happy || bought || r.ConnectionOutcome == ConnectionAnswers.Accepted);
        }).ToList();
    }
}
