using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence.Diagnostics;
using SocialCrm.Persistence.Migrations.Postgres;
using SocialCrm.Persistence.Migrations.Sqlite;
using SocialCrm.Persistence.Migrations.SqlServer;

namespace SocialCrm.Persistence.Configuration;

public static class PersistenceServiceCollectionExtensions
{
    public static IServiceCollection AddCrmPersistence(this IServiceCollection services, DatabaseOptions options)
    {
        options.Provider = DatabaseOptions.Canonical(options.Provider);
        services.AddSingleton(options);
        // One context type per provider, each with its own migration set; the rest of the code asks for CrmDbContext.
        _ = options.Provider switch
        {
            DatabaseOptions.Postgres => services.AddDbContextPool<CrmDbContext, PostgresCrmDbContext>(builder => Configure(builder, options)),
            DatabaseOptions.SqlServer => services.AddDbContextPool<CrmDbContext, SqlServerCrmDbContext>(builder => Configure(builder, options)),
            _ => services.AddDbContextPool<CrmDbContext, SqliteCrmDbContext>(builder => Configure(builder, options)),
        };
        services.AddScoped<DatabaseMigrator>();
        services.AddSingleton<StoreWriteGate>();
        return services;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        switch (DatabaseOptions.Canonical(options.Provider))
        {
            case DatabaseOptions.Sqlite:
                var connectionString = ResolveSqlitePath(options.ConnectionString);
                EnsureSqliteFolder(connectionString);
                builder.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance, StoreCommandCounter.Instance);
                break;
            case DatabaseOptions.Postgres:
                builder.UseNpgsql(options.ConnectionString).AddInterceptors(StoreCommandCounter.Instance);
                break;
            case DatabaseOptions.SqlServer:
                builder.UseSqlServer(options.ConnectionString).AddInterceptors(StoreCommandCounter.Instance);
                break;
        }
    }

    /// <summary>
    /// A relative SQLite file is taken from the root of the checkout when the process runs inside one (the folder
    /// with SocialCrm.sln), so the web host and the CLI share one store whatever folder they were started from;
    /// elsewhere from the current folder.
    /// </summary>
    public static string ResolveSqlitePath(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || Path.IsPathRooted(builder.DataSource)) return connectionString;
        if (CheckoutRoot() is not { } root) return connectionString;
        builder.DataSource = Path.Combine(root, builder.DataSource);
        return builder.ConnectionString;
    }

    /// <summary>The folder holding SocialCrm.sln above the current one, or null outside a checkout.</summary>
    public static string? CheckoutRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SocialCrm.sln"))) return dir.FullName;
        return null;
    }

    /// <summary>
    /// The store's folder and file readable by their owner only (<see cref="OwnerOnlyFiles"/>): the file holds personal
    /// data and the sign-in keys. SQLite gives its -wal and -shm files the database file's permissions.
    /// </summary>
    private static void EnsureSqliteFolder(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.Ordinal)) return;
        var path = Path.GetFullPath(file);
        if (Path.GetDirectoryName(path) is not { } folder) return;
        OwnerOnlyFiles.EnsureFolder(folder);
        if (!File.Exists(path))
            try { using var _ = OwnerOnlyFiles.Create(path); }
            catch (IOException) { /* another process made it a moment ago */ }
        foreach (var made in new[] { path, path + "-wal", path + "-shm" }) OwnerOnlyFiles.Restrict(made);
    }

    /// <summary>NORMAL sync is durable across process crashes in WAL mode (set once, by the migrator: it sticks to the file).</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            // secure_delete: a freed page is zeroed, so erased personal data does not linger in the file's free pages.
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA secure_delete=ON;";
            command.ExecuteNonQuery();
        }
    }
}
