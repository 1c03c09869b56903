using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SocialCrm.Cli.Commands;
using SocialCrm.Persistence;
using SocialCrm.Simulation;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Workflows;
using SocialCrm.Stages.Workflows.Backtest;
using SocialCrm.Workflows.Definitions;

namespace SocialCrm.Cli.Bench;

public sealed record BacktestBenchResult(int Stored, double FillSeconds, int Compared, int Changed, double Seconds);

/// <summary>
/// Fills a fresh store with N signals decided by the pipeline, then times a backtest of a draft analyse workflow
/// (the VIP threshold lowered to 0.4) against all of them, as an admin's "Backtest" does.
/// </summary>
public static class BacktestBench
{
    public static async Task<BacktestBenchResult> RunAsync(SocialCrmOptions options, int signals, Action<int, int> progress, CancellationToken ct)
    {
        options.Workflow.AutoAgent = true;
        options.Workflow.OutcomeWindowSeconds = 0;
        using var host = await CliHost.CreateAsync(options, ct: ct);
        await host.StartAsync(ct);
        var fill = Stopwatch.StartNew();
        await PipelineBench.DriveAsync(host, new SimulatedWorld(new SimulationOptions { Customers = 2000, Seed = 11 }), signals, null, progress, ct);
        fill.Stop();

        await using var scope = host.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<WorkflowDefinitionStore>();
        var live = (await store.PublishedAsync(ct)).Single(d => d.DefinitionId == StageWorkflows.Analyse);
        var definition = WorkflowJson.Parse(live.Json);
        definition.Activities.Single(a => a.Type == "RouteToQueue").Inputs["vipValue"] = JsonSerializer.SerializeToElement(0.4);
        var (draft, _) = await store.SaveDraftAsync(definition, "bench", ct);

        var backtest = scope.ServiceProvider.GetRequiredService<WorkflowBacktest>();
        await backtest.RunAsync(StageWorkflows.Analyse, draft.Version, Math.Min(200, signals), null, ct);
        var clock = Stopwatch.StartNew();
        var result = await backtest.RunAsync(StageWorkflows.Analyse, draft.Version, signals, null, ct);
        clock.Stop();
        var stored = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().Cases.CountAsync(ct);
        await host.StopAsync(ct);
        return new BacktestBenchResult(stored, fill.Elapsed.TotalSeconds, result.Compared, result.Changed, clock.Elapsed.TotalSeconds);
    }
}
