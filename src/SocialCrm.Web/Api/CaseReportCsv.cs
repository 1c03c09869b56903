using CsvHelper;
using SocialCrm.Stages.Measure.Reports;

namespace SocialCrm.Web.Api;

/// <summary>The report's rows as CSV (RFC 4180, UTF-8, a header row), times in UTC ISO 8601; text that a spreadsheet would run as a formula is escaped.</summary>
public static class CaseReportCsv
{
    private static readonly string[] Columns =
    [
        "caseId", "createdAtUtc", "measuredAtUtc", "platform", "queue", "language", "decision", "action", "replyKind", "valueScore", "valueTier", "agent",
        "firstResponseSeconds", "handlingSeconds", "slaMet", "sentimentBefore", "sentimentAfter", "ladderBefore", "ladderAfter", "connection", "revenueAfter", "outcome",
    ];

    private const string Utc = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static async Task WriteAsync(Stream body, IEnumerable<CaseReportRow> rows, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(body, new CsvWriterOptions { Injection = CsvInjection.Escape, TrueValue = "true", FalseValue = "false" }, leaveOpen: true);
        foreach (var column in Columns) csv.WriteField(column);
        await csv.EndRecordAsync(ct);
        foreach (var r in rows)
        {
            csv.WriteField(r.CaseId.ToString());
            csv.WriteField(r.CreatedAt, Utc);
            csv.WriteField(r.MeasuredAt, Utc);
            csv.WriteField(r.Platform);
            csv.WriteField(r.Queue);
            csv.WriteField(r.Language);
            csv.WriteField(r.Decision);
            csv.WriteField(r.Action);
            csv.WriteField(r.ReplyKind);
            csv.WriteField(r.ValueScore, "0.####");
            csv.WriteField(r.ValueTier);
            csv.WriteField(r.Agent);
            csv.WriteField(r.FirstResponseSeconds, "0.###");
            csv.WriteField(r.HandlingSeconds, "0.###");
            csv.WriteField(r.SlaMet);
            csv.WriteField(r.SentimentBefore, "0.####");
            csv.WriteField(r.SentimentAfter, "0.####");
            csv.WriteField(r.LadderBefore);
            csv.WriteField(r.LadderAfter);
            csv.WriteField(r.Connection);
            csv.WriteField(r.RevenueAfter, "0.##");
            csv.WriteField(r.Outcome);
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }
}
