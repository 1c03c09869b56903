using SocialCrm.Stages.Measure.Reports;

namespace SocialCrm.Web.Api;

public static class ReportEndpoints
{
    public static void MapReportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/measure", (DateOnly? from, DateOnly? to, ReportQueries reports, CancellationToken ct) => reports.ReportAsync(from, to, ct))
            .WithTags("Measure").WithSummary("Measure-phase report: response times, SLA, follow-ups, sentiment change, ladder moves, connections; per reply kind and per day");

        api.MapGet("/stats", (ReportQueries reports, CancellationToken ct) => reports.CountsAsync(ct))
            .WithTags("Measure").WithSummary("Live counts per stage");
    }
}
