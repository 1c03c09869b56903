using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Simulation;
using SocialCrm.Stages.Measure.Reports;
using Spectre.Console;

namespace SocialCrm.Cli.Commands;

/// <summary>Runs the whole pipeline with the simulated world until N signals are measured, then prints the report.</summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var signals = new Option<int>("--signals") { Description = "how many signals the simulated customers post", DefaultValueFactory = _ => 200 };
        var rate = new Option<double>("--per-minute") { Description = "signals per minute", DefaultValueFactory = _ => 600 };
        var window = new Option<double>("--outcome-window") { Description = "seconds measure waits for outcomes", DefaultValueFactory = _ => 5 };
        var customers = new Option<int>("--customers") { Description = "how many simulated customers post", DefaultValueFactory = _ => new SimulationOptions().Customers };
        var command = new Command("simulate", "Run all four stages on simulated customers, agents and outcomes.") { signals, rate, window, customers };
        command.SetAction(async (result, ct) =>
        {
            var options = GlobalOptions.Read(result);
            options.Workflow.OutcomeWindowSeconds = result.GetValue(window);
            var target = result.GetValue(signals);
            var simulation = new SimulationOptions { Enabled = false, SignalsPerMinute = result.GetValue(rate), AgentDelaySeconds = 1, Customers = result.GetValue(customers) };
            using var host = await CliHost.CreateAsync(options, simulation, ct);
            await host.StartAsync(ct);
            var runner = host.Services.GetRequiredService<SimulationRunner>();
            var startedAt = DateTime.UtcNow;
            int before = await CountAsync(host, ct, c => true), posted = 0;

            await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var postTask = progress.AddTask("signals posted", maxValue: target);
                    var measureTask = progress.AddTask("cases measured", maxValue: target);
                    while (!ct.IsCancellationRequested)
                    {
                        var due = (int)Math.Min(target, (DateTime.UtcNow - startedAt).TotalMinutes * simulation.SignalsPerMinute + 1);
                        for (; posted < due; posted++) await runner.PostSignalAsync(ct);
                        await runner.SyncCustomersAsync(ct);
                        await runner.ActAsAgentsAsync(ct);
                        await runner.ActAsCustomersAsync(ct);
                        var measured = await CountAsync(host, ct, c => c.Status == CaseStatus.Measured) - before;
                        postTask.Value = posted;
                        measureTask.Value = Math.Min(measured, target);
                        if (posted >= target && measured >= target) break;
                        await Task.Delay(250, ct);
                    }
                });
            await using var scope = host.Services.CreateAsyncScope();
            ReportCommand.Print(await scope.ServiceProvider.GetRequiredService<ReportQueries>().ReportAsync(null, null, ct));
            await host.StopAsync(ct);
            return 0;
        });
        return command;
    }

    private static async Task<int> CountAsync(IHost host, CancellationToken ct, System.Linq.Expressions.Expression<Func<Case, bool>> where)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Cases.CountAsync(where, ct);
    }
}
