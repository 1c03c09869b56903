using SocialCrm.Stages.Measure.Reports;

namespace SocialCrm.Web.Api;

/// <summary>The report's query string, checked field by field with the allowed values in words.</summary>
public static class ReportFilters
{
    /// <summary>A 400 naming each bad field, or null with the filter.</summary>
    public static IResult? Parse(IQueryCollection query, out ReportFilter filter)
    {
        var range = DateRange.Parse(query["from"], query["to"]);
        var problems = range.Problem ?? [];
        string? One(string name, string[]? allowed = null)
        {
            var value = query[name].ToString();
            if (string.IsNullOrWhiteSpace(value)) return null;
            if (allowed is not null && !allowed.Contains(value)) problems[name] = [$"'{value}' is not one of {string.Join(", ", allowed)}"];
            return value.Trim();
        }
        filter = new ReportFilter
        {
            From = range.From, To = range.To, Platform = One("platform"), Queue = One("queue"), Language = One("language"),
            ReplyKind = One("replyKind", ["personalised", "standard", "none"]), ValueTier = One("valueTier", ValueTiers.All), Agent = One("agent"), Tag = One("tag"),
            Metric = One("metric", ReportMetrics.All),
        };
        return problems.Count == 0 ? null : Results.ValidationProblem(problems, title: "The report's filters are invalid.");
    }
}
