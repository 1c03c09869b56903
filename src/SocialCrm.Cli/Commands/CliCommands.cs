using System.CommandLine;

namespace SocialCrm.Cli.Commands;

public static class CliCommands
{
    public static RootCommand Root()
    {
        var root = new RootCommand("SocialCrm: social customer care in four stages (listen, analyse, act, measure).");
        root.Options.Add(GlobalOptions.Database);
        root.Options.Add(GlobalOptions.Connection);
        root.Options.Add(GlobalOptions.Transport);
        root.Options.Add(GlobalOptions.RabbitMq);
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(CustomersCommand.Create());
        root.Subcommands.Add(ScoreCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(Bench.BenchCommand.Create());
        root.Subcommands.Add(Faults.FaultsCommand.Create());
        return root;
    }
}
