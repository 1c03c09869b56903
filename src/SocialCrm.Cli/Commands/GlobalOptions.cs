using System.CommandLine;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Hosting;

namespace SocialCrm.Cli.Commands;

/// <summary>The store and bus every command works with; the defaults are the web host's embedded ones.</summary>
public static class GlobalOptions
{
    public static readonly Option<string> Database = new("--database")
    {
        Description = "sqlite, postgres or sqlserver", DefaultValueFactory = _ => DatabaseOptions.Sqlite, Recursive = true,
    };

    public static readonly Option<string?> Connection = new("--connection")
    {
        Description = "connection string (default: the SQLite file data/socialcrm.db, or the local socialcrm PostgreSQL database)", Recursive = true,
    };

    public static readonly Option<string> Transport = new("--transport")
    {
        Description = "inmemory or rabbitmq", DefaultValueFactory = _ => BusOptions.InMemory, Recursive = true,
    };

    public static readonly Option<string> RabbitMq = new("--rabbitmq")
    {
        Description = "RabbitMQ URI", DefaultValueFactory = _ => "amqp://guest:guest@localhost:5672/", Recursive = true,
    };

    public const string LocalSqlServer = "Server=localhost;Database=socialcrm;Integrated Security=true;TrustServerCertificate=true";
    public const string LocalPostgres = "Host=127.0.0.1;Username=socialcrm;Password=socialcrm;Database=socialcrm";

    public static SocialCrmOptions Read(ParseResult result)
    {
        var provider = DatabaseOptions.Canonical(result.GetValue(Database)!);
        return new SocialCrmOptions
        {
            Database = new DatabaseOptions
            {
                Provider = provider,
                ConnectionString = result.GetValue(Connection) ?? provider switch
                {
                    DatabaseOptions.Postgres => LocalPostgres,
                    DatabaseOptions.SqlServer => LocalSqlServer,
                    _ => new DatabaseOptions().ConnectionString,
                },
            },
            Bus = new BusOptions { Transport = result.GetValue(Transport)!, RabbitMqUri = result.GetValue(RabbitMq)! },
        };
    }
}
