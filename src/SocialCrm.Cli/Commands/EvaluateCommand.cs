using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence;
using SocialCrm.Scoring.Outcomes;
using SocialCrm.Scoring.Value;
using SocialCrm.Simulation;
using SocialCrm.Simulation.Evaluation;
using SocialCrm.Stages.Models;
using Spectre.Console;

namespace SocialCrm.Cli.Commands;

/// <summary>
/// evaluate: the active value and reply-kind models against the simulator's hidden truth: value scores against each
/// customer's TrueValue, and reply-kind policies under a daily budget of personalised replies against the oracle.
/// The days are generated from the simulated world, or (--replay) are the held-out briefs the pipeline wrote.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var days = new Option<int>("--days") { Description = "simulated days", DefaultValueFactory = _ => 30 };
        var perDay = new Option<int>("--cases-per-day") { Description = "cases a day", DefaultValueFactory = _ => 200 };
        var budget = new Option<int>("--budget") { Description = "personalised replies the agents can write a day", DefaultValueFactory = _ => 40 };
        var seed = new Option<int>("--seed") { Description = "the simulated world's seed (as `simulate` used it)", DefaultValueFactory = _ => new SimulationOptions().Seed };
        var customers = new Option<int>("--customers") { Description = "the simulated world's customers (as `simulate` used them)", DefaultValueFactory = _ => 2000 };
        var replay = new Option<bool>("--replay") { Description = "replay the held-out fifth of the briefs in the store (written by `simulate` with the same --seed and --customers) instead of generating days" };
        var command = new Command("evaluate", "Evaluate the active value and reply-kind models on simulated days against the simulator's truth.") { days, perDay, budget, seed, customers, replay };
        command.SetAction(async (result, ct) =>
        {
            using var host = await CliHost.CreateAsync(GlobalOptions.Read(result), ct: ct);
            var models = host.Services.GetRequiredService<ModelRegistry>();
            var world = new SimulatedWorld(new SimulationOptions { Seed = result.GetValue(seed), Customers = result.GetValue(customers) });
            var casesPerDay = result.GetValue(perDay);
            List<BriefedCase> cases;
            if (result.GetValue(replay))
            {
                await using var scope = host.Services.CreateAsyncScope();
                cases = await ReplayAsync(scope.ServiceProvider.GetRequiredService<CrmDbContext>(), world, ct);
                if (cases.Count < casesPerDay)
                {
                    Console.Error.WriteLine($"socialcrm: {cases.Count} held-out briefs of simulated customers in the store, fewer than a day's {casesPerDay}: run `simulate` with --seed {result.GetValue(seed)} --customers {result.GetValue(customers)} first");
                    return 2;
                }
                Console.WriteLine($"replaying {cases.Count / casesPerDay} days of {casesPerDay} held-out briefs from the store");
            }
            else cases = SimulatedDays.Generate(world, new DayScorers(models.Sentiment, models.Intent, models.Value, models.ReplyKind), result.GetValue(days), casesPerDay);

            var n = cases.Count / casesPerDay;
            IReadOnlyList<PolicyOutcome> policies = [];
            IReadOnlyList<ValueTruth> value = [];
            AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn()).Start(progress =>
            {
                var task = progress.AddTask("simulated days", maxValue: n);
                (policies, value) = SimulatedDays.Run(cases, models.Value, models.ReplyKind, casesPerDay, result.GetValue(budget), new Progress<int>(d => task.Value = d));
            });

            var valueTable = new Table().Title("Customer value against the simulator's hidden TrueValue (AUC for a top-quarter customer)").AddColumns("model", "AUC");
            foreach (var v in value) valueTable.AddRow(Markup.Escape(v.Model), $"{v.Auc:0.000}");
            AnsiConsole.Write(valueTable);

            var table = new Table().Title($"Reply kind on {n} days of {casesPerDay} cases, {result.GetValue(budget)} personalised replies a day")
                .AddColumns("policy", "happy customers a day", "personalised a day", "of the oracle's outcome", "of the oracle's gain over always-standard");
            foreach (var p in policies)
                table.AddRow(Markup.Escape(p.Policy), $"{p.HappyPerDay:0.0}", $"{p.PersonalisedPerDay:0.0}", $"{p.ShareOfOracle:P1}", $"{p.ShareOfOracleLift:P1}");
            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    /// <summary>The held-out briefs of simulated customers, in the order they were written, with the world's truth.</summary>
    private static async Task<List<BriefedCase>> ReplayAsync(CrmDbContext db, SimulatedWorld world, CancellationToken ct)
    {
        var rows = await db.CaseBriefs.AsNoTracking().Where(b => b.FeaturesJson != null)
            .Join(db.Cases, b => b.CaseId, c => c.Id, (b, c) => new { b.CaseId, b.FeaturesJson, c.SignalId, b.CreatedAt })
            .Join(db.Signals, x => x.SignalId, s => s.Id, (x, s) => new { x.CaseId, x.FeaturesJson, x.CreatedAt, s.Platform, s.AuthorHandle, s.Intent })
            .OrderBy(x => x.CreatedAt).ToListAsync(ct);
        return rows.Where(r => OutcomeTrainer.IsHeldOut(r.CaseId.ToString()) && world.ByHandle.ContainsKey((r.Platform, r.AuthorHandle)))
            .Select(r => new BriefedCase(world.ByHandle[(r.Platform, r.AuthorHandle)], JsonSerializer.Deserialize<CustomerValueFeatures>(r.FeaturesJson!, JsonSerializerOptions.Web)!,
                r.Intent ?? "other"))
            .ToList();
    }
}
