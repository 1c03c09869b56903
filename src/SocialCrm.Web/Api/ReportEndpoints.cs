using SocialCrm.Stages.Measure.Reports;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class ReportEndpoints
{
    public static void MapReportEndpoints(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Measure").RequireAuthorization(Policies.Analysts);
        const string filters = "from and to (yyyy-MM-dd, UTC days, inclusive; default the last 30 days), platform, queue, language, replyKind (personalised, standard, none), valueTier (low, medium, high), agent";

        reports.MapGet("/measure", async (HttpRequest request, CaseReportQuery report, CancellationToken ct) =>
            ReportFilters.Parse(request.Query, out var filter) is { } problem ? problem : Results.Ok(await report.ReportAsync(filter, ct)))
        .WithSummary("The measure report over measured cases: first response p50/p90, handling, SLA, follow-ups, sentiment before and after, ladder moves, connections, bought again and revenue after; per reply kind, personalised against standard per value tier, and per day")
        .WithDescription($"Filters: {filters}.");

        reports.MapGet("/cases", async (HttpRequest request, CaseReportQuery report, CancellationToken ct) =>
            ReportFilters.Parse(request.Query, out var filter) is { } problem ? problem : Results.Ok(await report.RowsAsync(filter, ct)))
        .WithSummary("The measured cases behind the report (drill-down): the same filters, and metric to keep only the cases one figure counts")
        .WithDescription($"Filters: {filters}; metric: {string.Join(", ", ReportMetrics.All)}.");

        reports.MapGet("/cases.csv", async (HttpRequest request, HttpResponse response, CaseReportQuery report, CancellationToken ct) =>
        {
            if (ReportFilters.Parse(request.Query, out var filter) is { } problem) return problem;
            var rows = await report.RowsAsync(filter, ct);
            var (from, to) = report.Range(filter);
            response.Headers.ContentDisposition = $"attachment; filename=\"socialcrm-cases-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv\"";
            response.ContentType = "text/csv; charset=utf-8";
            await CaseReportCsv.WriteAsync(response.Body, rows, ct);
            return Results.Empty;
        })
        .WithSummary("The same rows as /api/reports/cases as CSV with a header row: its totals are the report's for the same filters");

        api.MapGet("/stats", (ReportQueries stats, CancellationToken ct) => stats.CountsAsync(ct))
            .RequireAuthorization(Policies.Staff).WithTags("Measure").WithSummary("Live counts per stage");
    }
}
