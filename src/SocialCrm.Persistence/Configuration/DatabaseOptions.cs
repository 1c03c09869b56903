namespace SocialCrm.Persistence.Configuration;

/// <summary>Which store to use: the SQLite file by default, PostgreSQL when configured.</summary>
public sealed class DatabaseOptions
{
    public const string Sqlite = "sqlite", Postgres = "postgres";

    /// <summary>sqlite or postgres.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>For sqlite the default is a file under data/, created on first run.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/socialcrm.db";
}
