using System.Data.Common;
using System.Diagnostics;
using Bogus;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Customers;
using SocialCrm.Domain.Signals;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Simulation;
using SocialCrm.Stages.Search;

namespace SocialCrm.Cli.Bench;

/// <summary>
/// Search over a big store: N posts with their cases, a customer for every ten (name, e-mail, back-office id, handle,
/// an order), written straight to the tables (COPY on PostgreSQL) so the full-text indexes are built as the product
/// builds them; then every kind of query an agent types, timed through SearchService as the API calls it.
/// </summary>
public static class SearchBench
{
    public sealed record Kind(string Name, double P50Ms, double P95Ms, double MaxMs, double MeanHits);

    public sealed record Result(int Signals, int Customers, double FillSeconds, IReadOnlyList<Kind> Kinds, string Plan);

    private const int Samples = 40;

    public static async Task<Result> RunAsync(DatabaseOptions database, int signals, Action<string, double> progress, CancellationToken ct)
    {
        var services = new ServiceCollection().AddLogging().AddCrmPersistence(database).AddScoped<SearchService>().AddSingleton(database).BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
            await new DatabaseMigrator(scope.ServiceProvider.GetRequiredService<CrmDbContext>()).MigrateAsync(ct);

        var faker = new Faker("en") { Random = new Randomizer(17) };
        var customers = Math.Max(10, signals / 10);
        var now = DateTime.UtcNow;
        var people = Enumerable.Range(0, customers).Select(i =>
        {
            var (first, last) = (faker.Name.FirstName(), faker.Name.LastName());
            var handle = $"{first}_{last}{i}".ToLowerInvariant().Replace("'", "");
            return new { Customer = new Customer { DisplayName = $"{first} {last}", Email = $"{handle}@example.com", ExternalId = $"C-{100000 + i}", FirstSeenAt = now.AddDays(-400) },
                Handle = handle, Order = $"SO-{500000 + i}", Last = last };
        }).ToList();

        var clock = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
            var copier = new TableCopier(db);
            await copier.CopyAsync(people.Select(p => p.Customer), ct);
            await copier.CopyAsync(people.Select(p => new SocialIdentity { CustomerId = p.Customer.Id, Platform = "instagram", Handle = p.Handle, DisplayName = p.Customer.DisplayName }), ct);
            await copier.CopyAsync(people.Select(p => new Purchase { CustomerId = p.Customer.Id, OrderNumber = p.Order, Amount = 50, PurchasedAt = now.AddDays(-30) }), ct);
            progress("customers", customers);
            var intents = new[] { "complaint", "question", "request", "praise", "other" };
            const int Slice = 50_000;
            for (var from = 0; from < signals; from += Slice)
            {
                var posts = new List<Signal>();
                var cases = new List<Case>();
                for (var i = from; i < Math.Min(signals, from + Slice); i++)
                {
                    var person = people[faker.Random.Int(0, customers - 1)];
                    var language = faker.Random.Double() < 0.2 ? "fi" : "en";
                    var text = SignalTexts.Post(faker, faker.PickRandom(intents), language);
                    // One post in ten names the customer's own order.
                    if (faker.Random.Double() < 0.1) text += language == "fi" ? $" Tilausnumero {person.Order}." : $" My order number is {person.Order}.";
                    var at = now.AddMinutes(-(signals - i));
                    var signal = new Signal
                    {
                        Platform = "instagram", PlatformPostId = $"bench-{i}", AuthorHandle = person.Handle, AuthorName = person.Customer.DisplayName, Text = text, Language = language,
                        PostedAt = at, ReceivedAt = at, CapturedAt = at, CustomerId = person.Customer.Id, Intent = "complaint", Sentiment = "negative",
                    };
                    posts.Add(signal);
                    cases.Add(new Case { SignalId = signal.Id, CustomerId = person.Customer.Id, Status = CaseStatus.Measured, CreatedAt = at, SlaDueAt = at.AddHours(4), Queue = CaseQueues.Support });
                }
                await copier.CopyAsync(posts, ct);
                await copier.CopyAsync(cases, ct);
                progress("posts", Math.Min(signals, from + Slice));
            }
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        }
        var fillSeconds = clock.Elapsed.TotalSeconds;

        var kinds = new (string Name, Func<int, string> Query)[]
        {
            ("order number (back office)", i => people[Pick(i, customers)].Order),
            ("e-mail", i => people[Pick(i, customers)].Customer.Email!),
            ("handle", i => people[Pick(i, customers)].Handle),
            ("back-office id", i => people[Pick(i, customers)].Customer.ExternalId!),
            ("full name", i => people[Pick(i, customers)].Customer.DisplayName),
            ("surname (many people)", i => people[Pick(i, customers)].Last),
            ("name prefix while typing", i => people[Pick(i, customers)].Last[..Math.Min(4, people[Pick(i, customers)].Last.Length)]),
            ("two words of a post", i => i % 2 == 0 ? "arrived broken" : "refund working"),
            ("a word in most posts", i => i % 2 == 0 ? "order" : "tilaus"),
        };
        var results = new List<Kind>();
        foreach (var (name, query) in kinds)
        {
            var times = new List<double>();
            var hits = 0;
            for (var i = -3; i < Samples; i++)
            {
                await using var scope = services.CreateAsyncScope();
                var search = scope.ServiceProvider.GetRequiredService<SearchService>();
                var watch = Stopwatch.StartNew();
                var found = await search.SearchAsync(query(i + 3), ct);
                var ms = watch.Elapsed.TotalMilliseconds;
                if (i < 0) continue; // warm-up
                times.Add(ms);
                hits += found.Customers.Count + found.Posts.Count;
            }
            times.Sort();
            results.Add(new(name, times[times.Count / 2], times[(int)(times.Count * 0.95)], times[^1], hits / (double)Samples));
            progress(name, results.Count);
        }
        return new(signals, customers, fillSeconds, results, await PlanAsync(services, ct));
    }

    private static int Pick(int i, int customers) => (int)((i * 7919L) % customers);

    /// <summary>The store's plan for the post query of a common word: the full-text index, not a scan.</summary>
    private static async Task<string> PlanAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var sql = db.Database.IsNpgsql()
            ? """EXPLAIN SELECT s."Id" FROM "Signals" s, to_tsquery('simple', '''order''') q WHERE s."SearchVector" @@ q ORDER BY s."PostedAt" DESC LIMIT 200"""
            : """EXPLAIN QUERY PLAN SELECT s."Id" FROM "SignalSearch" f JOIN "Signals" s ON s.rowid = f.rowid WHERE "SignalSearch" MATCH '"order"' ORDER BY rowid DESC LIMIT 200""";
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) lines.Add(reader.GetValue(reader.FieldCount - 1)?.ToString() ?? "");
        return string.Join(" | ", lines.Select(l => l.Trim()));
    }

    /// <summary>Writes entities straight into their tables, by the EF model's columns: COPY on PostgreSQL, one prepared INSERT in one transaction on SQLite.</summary>
    private sealed class TableCopier(CrmDbContext db)
    {
        public async Task CopyAsync<T>(IEnumerable<T> rows, CancellationToken ct) where T : class
        {
            var entity = db.Model.FindEntityType(typeof(T))!;
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties().Where(p => p.PropertyInfo is not null && p.GetColumnName(table) is not null && (p.ValueGenerated != ValueGenerated.OnAdd || p.ClrType == typeof(Guid)))
                .Select(p => (Property: p, Column: p.GetColumnName(table)!, Convert: p.GetTypeMapping().Converter)).ToList();
            var connection = db.Database.GetDbConnection();
            if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
            var names = string.Join(", ", columns.Select(c => $"\"{c.Column}\""));
            if (connection is NpgsqlConnection pg)
            {
                await using var copy = await pg.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({names}) FROM STDIN (FORMAT BINARY)", ct);
                foreach (var row in rows)
                {
                    await copy.StartRowAsync(ct);
                    foreach (var (property, _, convert) in columns)
                    {
                        var value = property.PropertyInfo!.GetValue(row);
                        if (convert is not null && value is not null && value is not DateTime) value = convert.ConvertToProvider(value);
                        if (value is null) await copy.WriteNullAsync(ct);
                        else await copy.WriteAsync(value, ct);
                    }
                }
                await copy.CompleteAsync(ct);
                return;
            }
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var insert = (SqliteCommand)connection.CreateCommand();
            insert.Transaction = (SqliteTransaction)transaction;
            insert.CommandText = $"INSERT INTO \"{table.Name}\" ({names}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToList();
            insert.Prepare();
            foreach (var row in rows)
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    var value = columns[i].Property.PropertyInfo!.GetValue(row);
                    if (columns[i].Convert is { } convert && value is not null) value = convert.ConvertToProvider(value);
                    parameters[i].Value = value switch { null => DBNull.Value, DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF"), Guid g => g.ToString().ToUpperInvariant(), _ => value };
                }
                await insert.ExecuteNonQueryAsync(ct);
            }
            await ((DbTransaction)transaction).CommitAsync(ct);
        }
    }
}
