using Npgsql;
using SocialCrm.Persistence.Configuration;

namespace SocialCrm.Cli.Commands;

/// <summary>A throw-away store for bench and faults: a new PostgreSQL database beside the given one, or a SQLite file in a temp folder.</summary>
internal sealed class FreshStore(DatabaseOptions options, Func<ValueTask> cleanup) : IAsyncDisposable
{
    public DatabaseOptions Options => options;
    public ValueTask DisposeAsync() => cleanup();

    public static async Task<FreshStore> CreateAsync(DatabaseOptions given, bool useDefault)
    {
        if (given.Provider == DatabaseOptions.SqlServer)
            throw new ArgumentException("this runs on sqlite or postgres: SQL Server is supported by configuration and migrations, not exercised here");
        if (given.Provider == DatabaseOptions.Postgres)
        {
            var name = $"socialcrm_run_{Guid.NewGuid():N}"[..31];
            await using (var admin = new NpgsqlConnection(given.ConnectionString))
            {
                await admin.OpenAsync();
                await new NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
            }
            var connection = new NpgsqlConnectionStringBuilder(given.ConnectionString) { Database = name }.ConnectionString;
            return new FreshStore(new DatabaseOptions { Provider = given.Provider, ConnectionString = connection }, async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(given.ConnectionString);
                await admin.OpenAsync();
                await new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin).ExecuteNonQueryAsync();
            });
        }
        var folder = Path.Combine(Path.GetTempPath(), "socialcrm-run", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = useDefault ? Path.Combine(folder, "socialcrm.db") : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(given.ConnectionString).DataSource;
        return new FreshStore(new DatabaseOptions { Provider = given.Provider, ConnectionString = $"Data Source={file}" }, () =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
            return ValueTask.CompletedTask;
        });
    }
}
