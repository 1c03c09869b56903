using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Customers;
using SocialCrm.Domain.Measure;
using SocialCrm.Domain.Signals;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Persistence.Messaging;
using SocialCrm.Persistence.Workflows;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Store;

/// <summary>The generated migrations against the model, and each table's constraints, on SQLite and on PostgreSQL.</summary>
[TestFixture(DatabaseOptions.Sqlite)]
[TestFixture(DatabaseOptions.Postgres)]
public class StoreConstraintTests(string provider)
{
    private TestStore? _store;
    private ServiceProvider _services = null!;

    [SetUp]
    public async Task SetUp()
    {
        _store = await TestStore.CreateAsync(provider);
        _services = new ServiceCollection().AddCrmPersistence(_store.Options).BuildServiceProvider();

        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        // Null when SetUp skipped the test because PostgreSQL is absent.
        if (_store is null) return;
        await _services.DisposeAsync();
        await _store.DisposeAsync();
    }

    private CrmDbContext NewContext() => _services.CreateScope().ServiceProvider.GetRequiredService<CrmDbContext>();

    private async Task SaveAsync(params object[] entities)
    {
        await using var db = NewContext();
        db.AddRange(entities);
        await db.SaveChangesAsync();
    }

    private async Task AssertRejectedAsync(string why, params object[] entities)
    {
        var e = await Assert.CatchAsync<DbUpdateException>(() => SaveAsync(entities), why);
        Assert.That(e, Is.Not.Null, why);
    }

    private static Customer NewCustomer() => new() { DisplayName = "Jane", FirstSeenAt = DateTime.UtcNow };

    private static Signal NewSignal(string postId, Guid? customerId = null) => new()
    {
        Platform = "x", PlatformPostId = postId, AuthorHandle = "jane", Text = "hi", PostedAt = DateTime.UtcNow, ReceivedAt = DateTime.UtcNow, CustomerId = customerId,
    };

    [Test]
    public async Task The_migration_creates_exactly_the_tables_and_columns_of_the_model()
    {
        await using var db = NewContext();
        var expected = db.Model.GetRelationalModel().Tables
            .SelectMany(t => t.Columns.Select(c => $"{t.Name}.{c.Name}{(c.IsNullable ? "?" : "")}")).Order().ToList();
        var actual = await ActualColumnsAsync(db);
        // Besides the model: the full-text search the Search migration adds by hand (SQLite's FTS5 tables and their
        // shadow tables, PostgreSQL's generated tsvector), which SearchService reads with its own SQL.
        var search = actual.Where(c => SearchArtifacts.Any(a => c.StartsWith(a, StringComparison.Ordinal))).ToList();
        Assert.That(search, Is.Not.Empty, "the search migration's tables or column");
        Assert.That(actual.Except(search).ToList(), Is.EqualTo(expected));
    }

    private static readonly string[] SearchArtifacts = ["SignalSearch", "CustomerSearch", "IdentitySearch", "Signals.SearchVector"];

    private async Task<List<string>> ActualColumnsAsync(CrmDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = provider == DatabaseOptions.Sqlite
            ? "select m.name, p.name, p.\"notnull\" = 0 and p.pk = 0 from sqlite_master m join pragma_table_info(m.name) p where m.type = 'table' and m.name not like 'sqlite_%' and substr(m.name, 1, 14) <> '__EFMigrations'"
            : "select table_name, column_name, is_nullable = 'YES' from information_schema.columns where table_schema = 'public' and left(table_name, 14) <> '__EFMigrations'";
        var columns = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            columns.Add($"{reader.GetString(0)}.{reader.GetString(1)}{(Convert.ToBoolean(reader.GetValue(2)) ? "?" : "")}");
        return columns.Order().ToList();
    }

    [Test]
    public async Task A_platform_post_is_stored_once()
    {
        await SaveAsync(NewSignal("p1"));
        await AssertRejectedAsync("same platform + post id", NewSignal("p1"));
        var otherPlatform = NewSignal("p1");
        otherPlatform.Platform = "instagram";
        await SaveAsync(otherPlatform);
    }

    [Test]
    public async Task A_platform_handle_belongs_to_one_identity()
    {
        var customer = NewCustomer();
        await SaveAsync(customer, new SocialIdentity { CustomerId = customer.Id, Platform = "x", Handle = "jane" });
        await AssertRejectedAsync("same platform + handle", new SocialIdentity { CustomerId = customer.Id, Platform = "x", Handle = "jane" });
        await SaveAsync(new SocialIdentity { CustomerId = customer.Id, Platform = "instagram", Handle = "jane" });
        await AssertRejectedAsync("identity of an unknown customer", new SocialIdentity { CustomerId = Guid.NewGuid(), Platform = "x", Handle = "ghost" });
    }

    [Test]
    public async Task A_signal_has_at_most_one_case_and_a_case_needs_its_signal()
    {
        var customer = NewCustomer();
        var signal = NewSignal("p2", customer.Id);
        var first = new Case { SignalId = signal.Id, CustomerId = customer.Id, CreatedAt = DateTime.UtcNow, SlaDueAt = DateTime.UtcNow };
        await SaveAsync(customer, signal, first);
        await AssertRejectedAsync("second case for one signal", new Case { SignalId = signal.Id, CustomerId = customer.Id, CreatedAt = DateTime.UtcNow, SlaDueAt = DateTime.UtcNow });
        await AssertRejectedAsync("case for a signal that does not exist", new Case { SignalId = Guid.NewGuid(), CustomerId = customer.Id, CreatedAt = DateTime.UtcNow, SlaDueAt = DateTime.UtcNow });
        await AssertRejectedAsync("second brief for one case", new CaseBrief { CaseId = first.Id, CreatedAt = DateTime.UtcNow }, new CaseBrief { CaseId = first.Id, CreatedAt = DateTime.UtcNow });
        await SaveAsync(new OutgoingMessage { CaseId = first.Id, CustomerId = customer.Id, Kind = OutgoingKinds.Reply, SentAt = DateTime.UtcNow });
        await AssertRejectedAsync("second reply for one case", new OutgoingMessage { CaseId = first.Id, CustomerId = customer.Id, Kind = OutgoingKinds.Reply, SentAt = DateTime.UtcNow });
        await SaveAsync(new CaseMetrics { CaseId = first.Id, CustomerId = customer.Id, MeasuredAt = DateTime.UtcNow });
        await AssertRejectedAsync("second measurement of one case", new CaseMetrics { CaseId = first.Id, CustomerId = customer.Id, MeasuredAt = DateTime.UtcNow });
    }

    [Test]
    public async Task Interactions_need_their_customer()
    {
        var customer = NewCustomer();
        await SaveAsync(customer, new Interaction { CustomerId = customer.Id, Stage = "listen", Kind = "k", OccurredAt = DateTime.UtcNow });
        await AssertRejectedAsync("interaction of an unknown customer", new Interaction { CustomerId = Guid.NewGuid(), Stage = "listen", Kind = "k", OccurredAt = DateTime.UtcNow });
    }

    [Test]
    public async Task Workflow_versions_bookmarks_and_inbox_are_unique()
    {
        await SaveAsync(new WorkflowDefinitionRecord { DefinitionId = "listen", Version = 1, CreatedAt = DateTime.UtcNow });
        await AssertRejectedAsync("same definition version twice", new WorkflowDefinitionRecord { DefinitionId = "listen", Version = 1, CreatedAt = DateTime.UtcNow });

        var a = new WorkflowInstanceRecord { Id = Guid.NewGuid(), DefinitionId = "act", Version = 1, CorrelationId = "c", Status = "Suspended", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        var b = new WorkflowInstanceRecord { Id = Guid.NewGuid(), DefinitionId = "act", Version = 1, CorrelationId = "c", Status = "Suspended", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        await SaveAsync(a, b, new WorkflowBookmarkRecord { InstanceId = a.Id, Name = "AgentAction", CorrelationId = "c", ActivityId = "wait", CreatedAt = DateTime.UtcNow });
        await AssertRejectedAsync("two instances waiting on the same bookmark", new WorkflowBookmarkRecord { InstanceId = b.Id, Name = "AgentAction", CorrelationId = "c", ActivityId = "wait", CreatedAt = DateTime.UtcNow });
        await AssertRejectedAsync("bookmark of an unknown instance", new WorkflowBookmarkRecord { InstanceId = Guid.NewGuid(), Name = "Other", CorrelationId = "c", ActivityId = "wait", CreatedAt = DateTime.UtcNow });

        var messageId = Guid.NewGuid();
        await SaveAsync(new InboxMessage { MessageId = messageId, Consumer = "ListenConsumer", ProcessedAt = DateTime.UtcNow });
        await AssertRejectedAsync("same message handled twice by one consumer", new InboxMessage { MessageId = messageId, Consumer = "ListenConsumer", ProcessedAt = DateTime.UtcNow });
        await SaveAsync(new InboxMessage { MessageId = messageId, Consumer = "OtherConsumer", ProcessedAt = DateTime.UtcNow });

        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        await SaveAsync(new DailyAggregate { Day = day, ReplyKind = "standard" });
        await AssertRejectedAsync("two aggregates for one day and kind", new DailyAggregate { Day = day, ReplyKind = "standard" });
    }
}
