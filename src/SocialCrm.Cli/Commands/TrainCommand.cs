using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Stages.Models;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Scoring.Intent;
using SocialCrm.Scoring.Sentiment;
using Spectre.Console;

namespace SocialCrm.Cli.Commands;

/// <summary>train sentiment: learns from the human-rated texts and reports held-out figures next to the lexicon baseline.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "folder with the VADER ground-truth files (default: ../shared/data/sentiment beside the checkout)" };
        var output = new Option<FileInfo?>("--out") { Description = "also write the model to this file" };
        var ship = ShipOption();
        var sentiment = new Command("sentiment", "Train the sentiment model on rated tweets, reviews and editorials; evaluate on the fixed held-out fifth.") { data, output, ship };
        sentiment.SetAction(async (result, ct) =>
        {
            var folder = result.GetValue(data)?.FullName ?? DefaultDataFolder();
            if (!Directory.Exists(folder))
            {
                AnsiConsole.MarkupLine($"[red]No rated data at {Markup.Escape(folder)}[/] (give --data)");
                return 2;
            }
            using var host = await CliHost.CreateAsync(GlobalOptions.Read(result), ct: ct);
            await using var scope = host.Services.CreateAsyncScope();
            var rows = RatedText.ReadGroundTruth(folder);
            var clock = Stopwatch.StartNew();
            var (trained, model) = await AnsiConsole.Status().StartAsync($"training on the rated texts of {Markup.Escape(folder)}…",
                _ => scope.ServiceProvider.GetRequiredService<ModelTraining>().TrainSentimentAsync(rows, NewVersion(result.GetValue(ship)), ct));
            var (figures, report) = (SentimentTrainingFigures)trained.Figures;
            Console.WriteLine($"trained in {clock.Elapsed.TotalSeconds:0.0} s: label by {report.ClassifierTrainer}, L2 {report.ClassifierL2:g2}; " +
                              $"graded score by {report.RegressorTrainer}, L2 {report.RegressorL2:g2}");

            var table = new Table().Title("Held-out fifth of each set (3 classes: rating < -0.5, > 0.5, else neutral)")
                .AddColumns("set", "model", "rows", "Pearson r", "macro F1", "accuracy", "log loss", "calibration error");
            foreach (var f in figures.OrderBy(f => f.Source != "tweets").ThenBy(f => f.Source).ThenBy(f => f.Model != "baseline-lexicon-1"))
                table.AddRow(f.Source, f.Model, $"{f.Rows}", $"{f.R:0.000}", $"{f.MacroF1:0.000}", $"{f.Accuracy:0.000}",
                    f.LogLoss is { } l ? $"{l:0.000}" : "–", f.CalibrationError is { } c ? $"{c:0.000}" : "–");
            table.AddRow("tweets", "VADER (published, all tweets)", "4200", "0.881", "0.96 (paper's F1)", "–", "–", "–");
            AnsiConsole.Write(table);
            Report(trained);

            if (result.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, model.ToJson(), ct);
                AnsiConsole.MarkupLine($"model also written to {Markup.Escape(file.FullName)}");
            }
            return result.GetValue(ship) ? await ShipAsync(scope.ServiceProvider, trained, ct) : 0;
        });
        return new Command("train", "Train the analyse-phase models.") { sentiment, Intent(), Outcomes() };
    }

    private static Command Intent()
    {
        var ship = ShipOption();
        var command = new Command("intent", "Train the intent model on the labelled English and Finnish posts; evaluate on their fixed held-out quarter.") { ship };
        command.SetAction(async (result, ct) =>
        {
            using var host = await CliHost.CreateAsync(GlobalOptions.Read(result), ct: ct);
            await using var scope = host.Services.CreateAsyncScope();
            var clock = Stopwatch.StartNew();
            var trained = await AnsiConsole.Status().StartAsync("training the intent model…",
                _ => scope.ServiceProvider.GetRequiredService<ModelTraining>().TrainIntentAsync(NewVersion(result.GetValue(ship)), ct));
            Console.WriteLine($"trained in {clock.Elapsed.TotalSeconds:0.0} s on the {Markup.Escape(trained.TrainingData)}");
            var figures = ((IntentTrainingFigures)trained.Figures).Figures;
            var table = new Table().Title("Held-out quarter of each language: F1 per intent").AddColumns(["language", "model", "rows", .. IntentResult.Labels, "macro F1", "accuracy"]);
            foreach (var f in figures)
                table.AddRow([f.Language, f.Model, $"{f.Rows}", .. IntentResult.Labels.Select(l => $"{f.F1[l]:0.00}"), $"{f.MacroF1:0.000}", $"{f.Accuracy:0.000}"]);
            AnsiConsole.Write(table);
            Report(trained);
            return result.GetValue(ship) ? await ShipAsync(scope.ServiceProvider, trained, ct) : 0;
        });
        return command;
    }

    private static Command Outcomes()
    {
        var command = new Command("outcomes", "Train customer value and reply kind from the measured cases in the store (the closed loop).");
        command.SetAction(async (result, ct) =>
        {
            using var host = await CliHost.CreateAsync(GlobalOptions.Read(result), ct: ct);
            await using var scope = host.Services.CreateAsyncScope();
            try
            {
                var trained = await AnsiConsole.Status().StartAsync("training value and reply kind from measured cases…",
                    _ => scope.ServiceProvider.GetRequiredService<ModelTraining>().TrainFromOutcomesAsync(NewVersion(), ct));
                foreach (var t in trained)
                {
                    Console.WriteLine($"{t.Kind}: {t.TrainingData}");
                    Report(t);
                }
                return 0;
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"socialcrm: cannot train yet: {e.Message} (run the product or `simulate` until more cases are measured)");
                return 2;
            }
        });
        return command;
    }

    private static string NewVersion(bool shipped = false) => (shipped ? "shipped-" : "") + DateTime.UtcNow.ToString("yyyyMMddHHmmss");

    private static Option<bool> ShipOption() => new("--ship")
    {
        Description = "also write the model as the one SocialCrm ships (src/SocialCrm.Stages/Models/Shipped in this checkout), active on a fresh install's first start",
    };

    /// <summary>Writes the version just trained, with its held-out figures, where the build embeds the shipped models.</summary>
    private static async Task<int> ShipAsync(IServiceProvider services, TrainingResult trained, CancellationToken ct)
    {
        if (PersistenceServiceCollectionExtensions.CheckoutRoot() is not { } root)
        {
            AnsiConsole.MarkupLine("[red]--ship writes into the checkout: run it from inside one[/]");
            return 2;
        }
        var record = await services.GetRequiredService<ModelStore>().GetAsync(trained.Kind, trained.Version, ct)
            ?? throw new InvalidOperationException($"the {trained.Kind} model {trained.Version} just trained is not in the store");
        var path = Path.Combine(root, "src", "SocialCrm.Stages", "Models", "Shipped", ShippedModel.FileName(trained.Kind));
        new ShippedModel(record.Kind, record.Version, record.Trainer, record.TrainingData, record.MetricsJson, record.ModelJson).Write(path);
        AnsiConsole.MarkupLine($"shipped as {Markup.Escape(path)} ({new FileInfo(path).Length / 1024} KB): rebuild to embed it");
        return 0;
    }

    private static void Report(TrainingResult t) =>
        AnsiConsole.MarkupLine(t.Promoted ? $"[green]{Markup.Escape(t.Summary)}[/]" : $"[yellow]{Markup.Escape(t.Summary)}[/]");

    private static string DefaultDataFolder() =>
        Path.GetFullPath(Path.Combine(PersistenceServiceCollectionExtensions.CheckoutRoot() ?? ".", "..", "shared", "data", "sentiment"));
}
