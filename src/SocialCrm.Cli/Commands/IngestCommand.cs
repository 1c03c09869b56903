using System.CommandLine;
using System.Text.Json;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Stages.Listen.Ingest;
using Spectre.Console;

namespace SocialCrm.Cli.Commands;

/// <summary>
/// Accepts the signals of a JSONL file (one signal object a line) into the store, with progress. A bad line is
/// reported with its number and what is wrong, and the good lines are kept. The stages take the signals from the
/// outbox when a SocialCrm host runs against the same store.
/// </summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "a .jsonl file: one signal per line" };
        var command = new Command("ingest", "Accept signals from a JSONL file.") { file };
        command.SetAction(async (result, ct) =>
        {
            var input = result.GetValue(file)!;
            if (!input.Exists)
            {
                AnsiConsole.MarkupLine($"[red]No such file: {Markup.Escape(input.FullName)}[/]");
                return 2;
            }
            using var host = await CliHost.CreateAsync(GlobalOptions.Read(result), ct: ct);
            var lines = await File.ReadAllLinesAsync(input.FullName, ct);
            int accepted = 0, duplicates = 0;
            var problems = new List<(int Line, string Problem)>();

            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask($"ingesting {input.Name}", maxValue: lines.Length);
                for (var i = 0; i < lines.Length; i++, task.Increment(1))
                {
                    if (string.IsNullOrWhiteSpace(lines[i])) continue;
                    try
                    {
                        var signal = JsonSerializer.Deserialize<SignalInput>(lines[i], JsonSerializerOptions.Web) ?? throw new JsonException("the line is null");
                        await using var scope = host.Services.CreateAsyncScope();
                        var outcome = await scope.ServiceProvider.GetRequiredService<IngestSignalHandler>().HandleAsync(signal, ct);
                        if (outcome.Duplicate) duplicates++; else accepted++;
                    }
                    catch (JsonException e)
                    {
                        problems.Add((i + 1, $"not valid JSON for a signal at {e.Path ?? "$"}: {e.Message.Split(" Path:")[0]}"));
                    }
                    catch (ValidationException e)
                    {
                        problems.Add((i + 1, string.Join("; ", e.Errors.Select(x => $"{char.ToLowerInvariant(x.PropertyName[0])}{x.PropertyName[1..]}: {x.ErrorMessage}"))));
                    }
                }
            });

            AnsiConsole.MarkupLine($"[green]{accepted} accepted[/], {duplicates} seen before, [{(problems.Count > 0 ? "red" : "green")}]{problems.Count} rejected[/]");
            foreach (var (line, problem) in problems.Take(50))
                AnsiConsole.MarkupLine($"  line {line}: {Markup.Escape(problem)}");
            if (problems.Count > 50) AnsiConsole.MarkupLine($"  … and {problems.Count - 50} more");
            return problems.Count > 0 ? 1 : 0;
        });
        return command;
    }
}
