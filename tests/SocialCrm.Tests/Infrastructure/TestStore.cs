using SocialCrm.Persistence.Configuration;

namespace SocialCrm.Tests.Infrastructure;

/// <summary>A throw-away store on SQLite (a temp file) or PostgreSQL (a fresh database).</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly PostgresDatabase? _postgres;
    private readonly string? _folder;

    private TestStore(DatabaseOptions options, PostgresDatabase? postgres, string? folder)
    {
        Options = options;
        _postgres = postgres;
        _folder = folder;
    }

    public DatabaseOptions Options { get; }

    public static async Task<TestStore> CreateAsync(string provider)
    {
        if (provider == DatabaseOptions.Postgres)
        {
            var db = await TestServers.CreatePostgresDatabaseAsync();
            return new TestStore(new DatabaseOptions { Provider = DatabaseOptions.Postgres, ConnectionString = db.ConnectionString }, db, null);
        }
        var folder = Path.Combine(Path.GetTempPath(), "socialcrm-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return new TestStore(new DatabaseOptions { Provider = DatabaseOptions.Sqlite, ConnectionString = $"Data Source={Path.Combine(folder, "test.db")};Pooling=False" }, null, folder);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null) await _postgres.DisposeAsync();
        if (_folder is not null)
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* a file still open; the temp folder is cleaned by the OS */ }
    }
}
