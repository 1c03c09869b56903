using SocialCrm.Stages.Measure.Reports;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class ReportEndpoints
{
    public static void MapReportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/measure", async (string? from, string? to, ReportQueries reports, CancellationToken ct) =>
        {
            var range = DateRange.Parse(from, to);
            return range.Problem is not null ? Results.ValidationProblem(range.Problem) : Results.Ok(await reports.ReportAsync(range.From, range.To, ct));
        })
            .RequireAuthorization(Policies.Analysts).WithTags("Measure").WithSummary("Measure-phase report: response times, SLA, follow-ups, sentiment change, ladder moves, connections; per reply kind and per day");

        api.MapGet("/stats", (ReportQueries reports, CancellationToken ct) => reports.CountsAsync(ct))
            .RequireAuthorization(Policies.Staff).WithTags("Measure").WithSummary("Live counts per stage");
    }
}
