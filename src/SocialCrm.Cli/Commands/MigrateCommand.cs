using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence.Configuration;
using Spectre.Console;

namespace SocialCrm.Cli.Commands;

public static class MigrateCommand
{
    public static Command Create()
    {
        var script = new Option<bool>("--script") { Description = "print the DDL of every migration instead of applying it (no server is contacted)" };
        var command = new Command("migrate", "Apply the schema migrations to the store.") { script };
        command.SetAction(async (result, ct) =>
        {
            var options = GlobalOptions.Read(result);
            await using var services = new ServiceCollection().AddCrmPersistence(options.Database).BuildServiceProvider();
            await using var scope = services.CreateAsyncScope();
            var migrator = scope.ServiceProvider.GetRequiredService<DatabaseMigrator>();
            if (result.GetValue(script))
            {
                Console.Out.Write(migrator.Script());
                return 0;
            }
            var applied = await migrator.MigrateAsync(ct);
            AnsiConsole.MarkupLine(applied.Count == 0
                ? $"[green]The {options.Database.Provider} store is up to date.[/]"
                : $"[green]Applied {applied.Count} migration(s):[/] {Markup.Escape(string.Join(", ", applied))}");
            return 0;
        });
        return command;
    }
}
