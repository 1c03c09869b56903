using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Audit;
using SocialCrm.Stages.Models;
using SocialCrm.Stages.Workplace;
using Spectre.Console;

namespace SocialCrm.Cli.Commands;

/// <summary>models list | models restore VERSION: the stored versions of a model, and going back to an earlier one.</summary>
public static class ModelsCommand
{
    public static Command Create()
    {
        var kind = new Option<string?>("--kind") { Description = $"which model: {string.Join(", ", ModelKinds.All)} (list: all by default)", Recursive = true };
        kind.AcceptOnlyFromAmong(ModelKinds.All);
        var list = new Command("list", "List the stored versions, newest first.");
        list.SetAction(async (result, ct) =>
        {
            using var host = await CliHost.CreateAsync(GlobalOptions.Read(result), ct: ct);
            await using var scope = host.Services.CreateAsyncScope();
            var table = new Table().AddColumns("model", "version", "trainer", "active", "trained", "training data");
            foreach (var k in result.GetValue(kind) is { } one ? [one] : ModelKinds.All)
                foreach (var m in await scope.ServiceProvider.GetRequiredService<ModelStore>().ListAsync(k, ct))
                    table.AddRow(k, m.Version, Markup.Escape(m.Trainer), m.IsActive ? "[green]active[/]" : "", $"{m.TrainedAt:u}", Markup.Escape(m.TrainingData));
            AnsiConsole.Write(table);
            return 0;
        });
        var version = new Argument<string>("version") { Description = "the version to make active, or 'baseline'" };
        var restore = new Command("restore", "Make an earlier version active again (or 'baseline' for none).") { version };
        restore.SetAction(async (result, ct) =>
        {
            if (result.GetValue(kind) is null)
            {
                AnsiConsole.MarkupLine($"[red]Say which model[/] with --kind ({string.Join(", ", ModelKinds.All)})");
                return 2;
            }
            using var host = await CliHost.CreateAsync(GlobalOptions.Read(result), ct: ct);
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ModelStore>().RestoreAsync(result.GetValue(kind)!, result.GetValue(version)!, ct);
            await scope.ServiceProvider.GetRequiredService<AuditLog>().WriteAsync(UsersCommand.Actor, AuditActions.ModelRestored, $"{result.GetValue(kind)} {result.GetValue(version)}", null, ct);
            AnsiConsole.MarkupLine($"[green]{Markup.Escape(result.GetValue(version)!)} is active[/]; running hosts pick it up within 30 s");
            return 0;
        });
        return new Command("models", "Stored versions of the trained models.") { kind, list, restore };
    }
}
