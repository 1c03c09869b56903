namespace SocialCrm.Persistence.Configuration;

/// <summary>Which store to use: the SQLite file by default, PostgreSQL or SQL Server when configured.</summary>
public sealed class DatabaseOptions
{
    public const string Sqlite = "sqlite", Postgres = "postgres", SqlServer = "sqlserver";

    /// <summary>sqlite, postgres or sqlserver.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>For sqlite the default is a file under data/, created on first run.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/socialcrm.db";

    /// <summary>The provider's canonical name (postgresql and mssql are accepted too), or an error naming the choices.</summary>
    public static string Canonical(string provider) => provider.Trim().ToLowerInvariant() switch
    {
        Sqlite => Sqlite,
        Postgres or "postgresql" => Postgres,
        SqlServer or "mssql" => SqlServer,
        _ => throw new ArgumentException($"unknown database provider '{provider}': use {Sqlite}, {Postgres} or {SqlServer}"),
    };

    /// <summary>What the migration tools build the model with: a connection string that is never opened.</summary>
    public static DatabaseOptions DesignTime(string provider) => new()
    {
        Provider = provider,
        ConnectionString = provider switch
        {
            Postgres => "Host=localhost;Database=socialcrm",
            SqlServer => "Server=localhost;Database=socialcrm;Integrated Security=true;TrustServerCertificate=true",
            _ => "Data Source=:memory:",
        },
    };
}
