using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Simulation;
using SocialCrm.Simulation.Evaluation;
using SocialCrm.Stages.Models;
using Spectre.Console;

namespace SocialCrm.Cli.Commands;

/// <summary>
/// evaluate: the active models on simulated days against the simulator's hidden truth: value scores against each
/// customer's TrueValue, and reply-kind policies under a daily budget of personalised replies against the oracle.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "simulated days", DefaultValueFactory = _ => 30 };
        var perDay = new Option<int>("--cases-per-day") { Description = "cases a day", DefaultValueFactory = _ => 200 };
        var budget = new Option<int>("--budget") { Description = "personalised replies the agents can write a day", DefaultValueFactory = _ => 40 };
        var seed = new Option<int>("--seed") { Description = "the simulated world's seed (the simulator's default is 42)", DefaultValueFactory = _ => 7 };
        var command = new Command("evaluate", "Evaluate the active value and reply-kind models on simulated days against the simulator's truth.") { days, perDay, budget, seed };
        command.SetAction(async (result, ct) =>
        {
            using var host = await CliHost.CreateAsync(GlobalOptions.Read(result), ct: ct);
            var models = host.Services.GetRequiredService<ModelRegistry>();
            var world = new SimulatedWorld(new SimulationOptions { Seed = result.GetValue(seed), Customers = 1000 });
            var n = result.GetValue(days);
            IReadOnlyList<PolicyOutcome> policies = [];
            IReadOnlyList<ValueTruth> value = [];
            AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn()).Start(progress =>
            {
                var task = progress.AddTask("simulated days", maxValue: n);
                (policies, value) = SimulatedDays.Run(world, new DayScorers(models.Sentiment, models.Intent, models.Value, models.ReplyKind),
                    n, result.GetValue(perDay), result.GetValue(budget), new Progress<int>(d => task.Value = d));
            });

            var valueTable = new Table().Title("Customer value against the simulator's hidden TrueValue (AUC for a top-quarter customer)").AddColumns("model", "AUC");
            foreach (var v in value) valueTable.AddRow(Markup.Escape(v.Model), $"{v.Auc:0.000}");
            AnsiConsole.Write(valueTable);

            var table = new Table().Title($"Reply kind on {n} simulated days of {result.GetValue(perDay)} cases, {result.GetValue(budget)} personalised replies a day")
                .AddColumns("policy", "happy customers a day", "personalised a day", "of the oracle's outcome", "of the oracle's gain over always-standard");
            foreach (var p in policies)
                table.AddRow(Markup.Escape(p.Policy), $"{p.HappyPerDay:0.0}", $"{p.PersonalisedPerDay:0.0}", $"{p.ShareOfOracle:P1}", $"{p.ShareOfOracleLift:P1}");
            AnsiConsole.Write(table);
            Console.WriteLine("evaluate: " + string.Join(" ", value.Select(v => $"auc[{v.Model}]={v.Auc:0.000}")
                .Concat(policies.Select(p => $"oracle_share[{p.Policy.Split(' ')[0]}]={p.ShareOfOracle:0.000}/{p.ShareOfOracleLift:0.000}"))));
            return 0;
        });
        return command;
    }
}
