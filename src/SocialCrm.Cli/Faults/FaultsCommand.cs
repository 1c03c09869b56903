using System.CommandLine;
using Spectre.Console;

namespace SocialCrm.Cli.Faults;

/// <summary>faults: the fault suite; prints accepted / measured / lost / duplicated per fault and exits 1 on any loss or duplicate.</summary>
public static class FaultsCommand
{
    public static Command Create()
    {
        var signals = new Option<int>("--signals") { Description = "posts per fault", DefaultValueFactory = _ => 500 };
        var configurations = new Option<string>("--configurations")
        {
            Description = "embedded (SQLite, in-memory bus), servers (PostgreSQL, RabbitMQ), both, or cluster (PostgreSQL, the RabbitMQ cluster of deploy/cluster.sh rabbitmq with quorum queues, the web host and three workers), comma-separated", DefaultValueFactory = _ => FaultSettings.Embedded,
        };
        var faults = new Option<string>("--faults") { Description = $"which faults, comma-separated (default all: {string.Join(", ", FaultSettings.AllFaults)})" };
        var postgres = new Option<string?>("--postgres") { Description = "a PostgreSQL connection allowed to create databases (default: the local socialcrm role)" };
        var restartBroker = new Option<string?>("--restart-broker") { Description = "shell command that stops RabbitMQ for a while and starts it (default: bash deploy/servers.sh restart-rabbitmq 10)" };
        var restartDatabase = new Option<string?>("--restart-database") { Description = "shell command that stops PostgreSQL for a while and starts it (default: bash deploy/servers.sh restart-postgres 10)" };
        var command = new Command("faults", "Drive posts through the whole pipeline while killing the host, restarting the broker and the database, " +
                                            "sending poison and duplicates; check that every accepted post is measured exactly once.")
        {
            signals, configurations, faults, postgres, restartBroker, restartDatabase,
        };
        command.SetAction(async (result, ct) =>
        {
            var defaults = new FaultSettings();
            var settings = defaults with
            {
                Signals = Math.Max(FaultSettings.MinimumSignals, result.GetValue(signals)),
                Faults = result.GetValue(faults)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? FaultSettings.AllFaults,
                PostgresAdmin = result.GetValue(postgres) ?? defaults.PostgresAdmin,
                RabbitMqUri = result.GetValue(Commands.GlobalOptions.RabbitMq)!,
                RestartBroker = result.GetValue(restartBroker) ?? defaults.RestartBroker,
                RestartDatabase = result.GetValue(restartDatabase) ?? defaults.RestartDatabase,
            };
            var unknown = settings.Faults.Except(FaultSettings.AllFaults).ToList();
            var wanted = result.GetValue(configurations)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(c => c == "both" ? [FaultSettings.Embedded, FaultSettings.Servers] : new[] { c }).Distinct().ToList();
            if (unknown.Count > 0 || wanted.Except(FaultSettings.Configurations).Any() || wanted.Count == 0)
            {
                Console.Error.WriteLine($"socialcrm faults: faults are {string.Join(", ", FaultSettings.AllFaults)}; configurations are embedded, servers, both or cluster");
                return 2;
            }

            var results = new List<FaultResult>();
            foreach (var configuration in wanted)
                results.AddRange(await new FaultSuite(configuration, settings, line => Console.WriteLine(line)).RunAsync(ct));

            var table = new Table().AddColumns("configuration", "fault", "accepted", "measured", "lost", "duplicated", "parked", "published twice", "seconds", "what happened");
            foreach (var r in results)
                table.AddRow(r.Configuration, r.Fault, $"{r.Accepted}", $"{r.Measured}", r.Lost == 0 ? "0" : $"[red]{r.Lost}[/]",
                    r.Duplicated == 0 ? "0" : $"[red]{r.Duplicated}[/]", $"{r.Parked}", r.Republished?.ToString() ?? "-", $"{r.Seconds:0}", Markup.Escape(r.Note));
            AnsiConsole.Write(table);
            foreach (var r in results)
                Console.WriteLine($"faults: configuration={r.Configuration} fault={r.Fault} accepted={r.Accepted} measured={r.Measured} lost={r.Lost} duplicated={r.Duplicated} parked={r.Parked} published_twice={r.Republished?.ToString() ?? "-"} seconds={r.Seconds:0}");
            return results.All(r => r.Passed) ? 0 : 1;
        });
        return command;
    }
}
