using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Stages.Measure.Reports;
using Spectre.Console;

namespace SocialCrm.Cli.Commands;

public static class ReportCommand
{
    public static Command Create()
    {
        var from = new Option<DateOnly?>("--from") { Description = "first day (default: 29 days before --to)" };
        var to = new Option<DateOnly?>("--to") { Description = "last day (default: today)" };
        var command = new Command("report", "Print the measure-phase report.") { from, to };
        command.SetAction(async (result, ct) =>
        {
            using var host = await CliHost.CreateAsync(GlobalOptions.Read(result), ct: ct);
            await using var scope = host.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<ReportQueries>().ReportAsync(result.GetValue(from), result.GetValue(to), ct);
            Print(report);
            return 0;
        });
        return command;
    }

    public static void Print(MeasureReport report)
    {
        var table = new Table().Title($"Measure report {report.From:yyyy-MM-dd} – {report.To:yyyy-MM-dd}")
            .AddColumns("reply kind", "cases", "replied", "ignored", "SLA met", "avg first response", "follow-ups", "sentiment Δ", "ladder moves", "connections", "accepted", "bought again", "revenue");
        foreach (var row in report.ByReplyKind.Append(report.Total))
            table.AddRow(row.ReplyKind, $"{row.Cases}", $"{row.Replied}", $"{row.Ignored}", $"{row.SlaMetRate:P0}",
                row.AvgFirstResponseSeconds is { } s ? $"{s:0.0} s" : "–", $"{row.FollowUpRate:P0}", row.AvgSentimentDelta is { } d ? $"{d:+0.00;-0.00}" : "–",
                $"{row.StatusUpgrades}", $"{row.ConnectionsRequested}", row.ConnectionAcceptRate is { } a ? $"{a:P0}" : "–",
                $"{row.RepeatPurchaseRate:P0}", $"{row.PurchaseRevenue:0} €");
        AnsiConsole.Write(table);
        if (report.Days.Count > 1)
        {
            var chart = new BarChart().Label("cases per day").Width(60);
            foreach (var day in report.Days) chart.AddItem($"{day.Day:MM-dd}", day.Cases, Color.SteelBlue);
            AnsiConsole.Write(chart);
        }
    }
}
