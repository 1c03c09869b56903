using System.CommandLine;
using SocialCrm.Cli.Commands;

namespace SocialCrm.Cli;

// Not top-level statements: their generated public Program would clash with the web host's in the tests.
internal static class CliProgram
{
    private static async Task<int> Main(string[] args)
    {
        // Tables piped to a file or a log keep their columns instead of wrapping at 80 characters.
        if (Console.IsOutputRedirected) Spectre.Console.AnsiConsole.Profile.Width = 200;
        try
        {
            return await CliCommands.Root().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A server that is down or a file that cannot be read is a one-line message, not a stack trace.
            Console.Error.WriteLine($"socialcrm: {e.GetBaseException().Message}");
            return 1;
        }
    }
}
