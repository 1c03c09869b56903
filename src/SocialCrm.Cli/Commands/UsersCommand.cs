using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence.Workplace;
using SocialCrm.Stages.Workplace;
using Spectre.Console;

namespace SocialCrm.Cli.Commands;

/// <summary>users add | list | disable | enable: the people who sign in. On a server database this makes the first admin.</summary>
public static class UsersCommand
{
    /// <summary>Who the audit trail names for a change made here.</summary>
    public static string Actor => $"cli:{Environment.UserName}";

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "the user name they sign in with" };
        var role = new Option<string[]>("--role") { Description = $"a role ({string.Join(", ", Roles.All)}); repeat for several", Required = true, AllowMultipleArgumentsPerToken = true };
        role.AcceptOnlyFromAmong(Roles.All);
        var add = new Command("add", "Add a user. The password is the first line piped to standard input; without one, a password is generated and printed once.") { name, role };
        add.SetAction(async (result, ct) =>
        {
            // A piped-in first line is the password; a terminal or empty input gets a generated one.
            var password = Console.IsInputRedirected ? (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n') : null;
            if (string.IsNullOrEmpty(password)) password = null;
            using var host = await CliHost.CreateAsync(GlobalOptions.Read(result), ct: ct);
            await using var scope = host.Services.CreateAsyncScope();
            var added = await scope.ServiceProvider.GetRequiredService<UserAdmin>().AddAsync(result.GetValue(name)!, result.GetValue(role)!, password, Actor, ct);
            if (!added.Succeeded)
            {
                foreach (var error in added.Errors) AnsiConsole.MarkupLine($"[red]{Markup.Escape(error)}[/]");
                return 1;
            }
            AnsiConsole.MarkupLine($"[green]Added {Markup.Escape(added.User!.UserName)}[/] ({string.Join(", ", added.User.Roles)})");
            // Printed once, to the terminal only: it is stored nowhere in clear.
            if (added.GeneratedPassword is { } generated) Console.WriteLine($"password: {generated}");
            return 0;
        });

        var list = new Command("list", "List the users with their roles.");
        list.SetAction(async (result, ct) =>
        {
            using var host = await CliHost.CreateAsync(GlobalOptions.Read(result), ct: ct);
            await using var scope = host.Services.CreateAsyncScope();
            var users = await scope.ServiceProvider.GetRequiredService<UserAdmin>().ListAsync(ct);
            if (users.Count == 0)
            {
                AnsiConsole.MarkupLine("No users yet. Make the first admin: [bold]socialcrm users add NAME --role admin[/]");
                return 0;
            }
            var table = new Table().AddColumns("user", "roles", "state", "created (UTC)");
            foreach (var u in users)
                table.AddRow(Markup.Escape(u.UserName), string.Join(", ", u.Roles),
                    u.Disabled ? $"[red]disabled {u.DisabledAt:yyyy-MM-dd HH:mm}[/]" : u.LockedOutUntil is { } until ? $"[yellow]locked out until {until.UtcDateTime:HH:mm}[/]" : "[green]active[/]",
                    $"{u.CreatedAt:yyyy-MM-dd HH:mm}");
            AnsiConsole.Write(table);
            return 0;
        });

        return new Command("users", "The people who sign in: agents, admins and analysts.") { add, list, Toggle("disable", true, name), Toggle("enable", false, name) };
    }

    private static Command Toggle(string verb, bool disabled, Argument<string> name)
    {
        var command = new Command(verb, disabled ? "Disable a user: they cannot sign in, their sessions end, their history stays." : "Let a disabled user sign in again.") { name };
        command.SetAction(async (result, ct) =>
        {
            using var host = await CliHost.CreateAsync(GlobalOptions.Read(result), ct: ct);
            await using var scope = host.Services.CreateAsyncScope();
            var problem = await scope.ServiceProvider.GetRequiredService<UserAdmin>().SetDisabledAsync(result.GetValue(name)!, disabled, Actor, ct);
            if (problem is not null)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(problem)}[/]");
                return 1;
            }
            AnsiConsole.MarkupLine($"[green]{Markup.Escape(result.GetValue(name)!)} is {verb}d[/]");
            return 0;
        });
        return command;
    }
}
