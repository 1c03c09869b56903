using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Cli.Commands;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Store;

/// <summary>The generated migration sets: in step with the model on every provider, and a store made by the release
/// before them (hand-written migrations) opens and upgrades without losing a row.</summary>
public class MigrationTests
{
    [TestCase(DatabaseOptions.Sqlite)]
    [TestCase(DatabaseOptions.Postgres)]
    [TestCase(DatabaseOptions.SqlServer)]
    public async Task Each_providers_migrations_match_the_model(string provider)
    {
        await using var services = new ServiceCollection().AddCrmPersistence(DatabaseOptions.DesignTime(provider)).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        Assert.That(db.Database.GetMigrations(), Is.Not.Empty);
        Assert.That(db.Database.HasPendingModelChanges(), Is.False, $"the model changed without a migration: dotnet ef migrations add NAME --context {db.GetType().Name}");
    }

    [Test]
    public async Task Migrate_script_prints_the_SQL_Server_DDL_without_a_server()
    {
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        int exit;
        try
        {
            exit = await CliCommands.Root().Parse(["migrate", "--database", "sqlserver", "--script"]).InvokeAsync();
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.That(exit, Is.Zero);
        await using var services = new ServiceCollection().AddCrmPersistence(DatabaseOptions.DesignTime(DatabaseOptions.SqlServer)).BuildServiceProvider();
        var tables = services.CreateScope().ServiceProvider.GetRequiredService<CrmDbContext>().Model.GetRelationalModel().Tables.Select(t => t.Name).ToList();
        Assert.That(tables, Has.Count.GreaterThan(15));
        foreach (var table in tables) Assert.That(output.ToString(), Does.Contain($"CREATE TABLE [{table}]"), table);
        Assert.That(output.ToString(), Does.Contain("nvarchar(450)"), "indexed text columns get a key-sized type on SQL Server");
    }

    [TestCase(DatabaseOptions.Sqlite)]
    [TestCase(DatabaseOptions.Postgres)]
    public async Task A_store_made_by_the_hand_written_migrations_upgrades_without_losing_a_row(string provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using var services = new ServiceCollection().AddCrmPersistence(store.Options).BuildServiceProvider();
        var ids = new LegacyRows();

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var legacy = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Store", "Legacy", $"{provider}.sql"));
            await ExecuteAsync(db, legacy);
            await ids.InsertAsync(db, provider == DatabaseOptions.Sqlite);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var applied = await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var all = db.Database.GetMigrations().ToList();
            Assert.That(applied, Is.EqualTo(all.Skip(1)), "the first generated migration is the old schema; only later ones run");
            Assert.That(await db.Database.GetAppliedMigrationsAsync(), Is.EqualTo(all), "the hand-written ids leave the history");
            Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var customer = await db.Customers.Include(c => c.Identities).SingleAsync();
            Assert.That((customer.Id, customer.DisplayName, customer.LifetimeRevenue, customer.Identities.Single().Handle), Is.EqualTo((ids.Customer, "Jane Doe", 3011.0, "jane")));
            Assert.That((await db.Signals.SingleAsync()).Text, Is.EqualTo("Still waiting for my order"));
            Assert.That((await db.Cases.SingleAsync()).Status, Is.EqualTo("measured"));
            Assert.That((await db.CaseBriefs.SingleAsync()).FeaturesJson, Is.EqualTo("""{"revenue":3011}"""));
            Assert.That((await db.CaseMetrics.SingleAsync()).PurchaseAmount, Is.EqualTo(42.5));
            Assert.That((await db.DailyAggregates.SingleAsync()).Purchases, Is.EqualTo(1));
            var model = await db.TrainedModels.SingleAsync();
            Assert.That((model.Kind, model.Version, model.ModelJson, model.IsActive), Is.EqualTo(("value", "v1", """{"weights":[1]}""", true)));
            Assert.That(model.Trainer, Is.EqualTo("SocialCrm L-BFGS"), "versions stored before the trainer was recorded");
        }

        // Opening it again changes nothing.
        await using (var scope = services.CreateAsyncScope())
            Assert.That(await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(), Is.Empty);
    }

    private static async Task ExecuteAsync(CrmDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One row in each table the old release wrote to, through plain SQL in the old schema's shape.</summary>
    private sealed class LegacyRows
    {
        public Guid Customer { get; } = Guid.NewGuid();
        private readonly Guid _signal = Guid.NewGuid(), _case = Guid.NewGuid();

        public async Task InsertAsync(CrmDbContext db, bool sqlite)
        {
            var at = new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);
            await InsertAsync(db, sqlite, "Customers", ("Id", Customer), ("DisplayName", "Jane Doe"), ("Status", 1), ("LifetimeRevenue", 3011.0),
                ("ConsentToConnect", true), ("FirstSeenAt", at));
            await InsertAsync(db, sqlite, "SocialIdentities", ("Id", Guid.NewGuid()), ("CustomerId", Customer), ("Platform", "x"), ("Handle", "jane"), ("Followers", 10));
            await InsertAsync(db, sqlite, "Signals", ("Id", _signal), ("Platform", "x"), ("PlatformPostId", "p1"), ("Kind", "mention"), ("AuthorHandle", "jane"),
                ("AuthorFollowers", 10), ("Text", "Still waiting for my order"), ("PostedAt", at), ("ReceivedAt", at), ("CustomerId", Customer));
            await InsertAsync(db, sqlite, "Cases", ("Id", _case), ("SignalId", _signal), ("CustomerId", Customer), ("Status", "measured"), ("Decision", "engage"),
                ("Queue", "general"), ("Priority", 2), ("CreatedAt", at), ("SlaDueAt", at));
            await InsertAsync(db, sqlite, "CaseBriefs", ("Id", Guid.NewGuid()), ("CaseId", _case), ("Summary", "s"), ("Sentiment", "negative"), ("SentimentScore", -0.5),
                ("Intent", "complaint"), ("ValueScore", 0.7), ("ReasonsJson", "[]"), ("HistoryJson", "{}"), ("RecommendedReplyKind", "personalised"),
                ("DraftReply", "Hi"), ("Models", "baseline"), ("FeaturesJson", """{"revenue":3011}"""), ("ReplyGain", 0.1), ("CreatedAt", at));
            await InsertAsync(db, sqlite, "CaseMetrics", ("CaseId", _case), ("CustomerId", Customer), ("Platform", "x"), ("Decision", "engage"), ("Action", "reply"),
                ("HandlingSeconds", 30.0), ("SlaMet", true), ("SentimentBefore", -0.5), ("StatusBefore", 1), ("StatusAfter", 2), ("ConnectionOutcome", "none"),
                ("PurchaseAmount", 42.5), ("Outcome", "paid off"), ("MeasuredAt", at));
            await InsertAsync(db, sqlite, "DailyAggregates", ("Day", sqlite ? "2026-11-20" : new DateOnly(2026, 11, 20)), ("ReplyKind", "personalised"), ("Cases", 1),
                ("Replied", 1), ("Ignored", 0), ("SlaMet", 1), ("SumFirstResponseSeconds", 5.0), ("SumHandlingSeconds", 30.0), ("WithFollowUp", 0),
                ("SumSentimentDelta", 0.0), ("StatusUpgrades", 1), ("ConnectionsRequested", 0), ("ConnectionsAccepted", 0), ("Purchases", 1), ("SumPurchaseAmount", 42.5));
            await InsertAsync(db, sqlite, "TrainedModels", ("Id", Guid.NewGuid()), ("Kind", "value"), ("Version", "v1"), ("ModelJson", """{"weights":[1]}"""),
                ("MetricsJson", "{}"), ("TrainingData", "cases"), ("TrainedAt", at), ("IsActive", true));
        }

        private static async Task InsertAsync(CrmDbContext db, bool sqlite, string table, params (string Column, object Value)[] values)
        {
            var connection = db.Database.GetDbConnection();
            if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", values.Select(v => $"\"{v.Column}\""))}) VALUES ({string.Join(", ", values.Select((_, i) => $"@p{i}"))})";
            for (var i = 0; i < values.Length; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@p{i}";
                // EF Core keeps SQLite's Guids as upper-case text.
                parameter.Value = sqlite && values[i].Value is Guid g ? g.ToString().ToUpperInvariant() : values[i].Value;
                command.Parameters.Add(parameter);
            }
            await command.ExecuteNonQueryAsync();
        }
    }
}
