using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Persistence.Diagnostics;
using SocialCrm.Stages.Hosting;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Pipeline;

/// <summary>
/// Every statement the four stages send finds its rows through an index on the tables that grow with the signals:
/// one full scan per signal makes each signal slower than the one before (the measure stage's follow-up lookup
/// scanned Signals, 42 ms a case at 34,000 signals, and the soak's throughput fell with the store's size).
/// Housekeeping tagged <see cref="StoreTags.Maintenance"/> (retention every 10 minutes) and the redrive at start may scan
/// the tables the retention keeps short.
/// </summary>
public partial class StageQueryPlanTests
{
    // Tables that grow with every signal; the others (settings, templates, workflow definitions, models) stay small.
    private static readonly string[] Growing =
    [
        "Signals", "Cases", "CaseBriefs", "Customers", "SocialIdentities", "Interactions", "OutgoingMessages", "CaseMetrics",
        "InboxMessages", "OutboxMessages", "WorkflowInstances", "WorkflowJournal", "WorkflowBookmarks", "Purchases", "AgentActions",
        "IdentityClaims", "SignalRevisions", "AuditEntries",
    ];

    /// <summary>The tag on this test's own look-ups, which are not the stages'.</summary>
    private const string Test = "test look-up";

    [Test]
    public async Task Every_statement_of_the_stages_uses_an_index_on_the_tables_that_grow()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        var statements = new ConcurrentDictionary<string, byte>();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(new Observer(listener =>
        {
            if (listener.Name == DbLoggerCategory.Name)
                listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
                {
                    if (e.Value is CommandExecutedEventData { Command.CommandText: var sql }) statements.TryAdd(sql, 0);
                }));
        }));

        await using (var host = await PipelineHost.CreateAsync(PipelineHost.Options(store.Options, BusOptions.InMemory, w =>
                     {
                         w.AutoAgent = true;
                         w.OutcomeWindowSeconds = 30;
                     })))
        {
            var first = await host.IngestAsync(Signals.Complaint("plan-1"));
            await host.IngestAsync(Signals.Complaint("plan-2", handle: "john_roe"));
            await host.EventuallyAsync("the reply to the first is sent", db => db.OutgoingMessages.TagWith(Test).AnyAsync(m => m.Kind == OutgoingKinds.Reply && m.PlatformMessageId != ""));
            var replyId = await host.QueryAsync(db => db.OutgoingMessages.TagWith(Test).Where(m => m.Kind == OutgoingKinds.Reply && m.PlatformMessageId != "").Select(m => m.PlatformMessageId).FirstAsync());
            await host.IngestAsync(Signals.FollowUp(replyId));
            await host.EventuallyAsync("a case is measured on its follow-up", db => db.Cases.TagWith(Test).AnyAsync(c => c.Status == CaseStatus.Measured));
            Assert.That(first.Duplicate, Is.False);
        }

        await using var connection = new SqliteConnection(PersistenceServiceCollectionExtensions.ResolveSqlitePath(store.Options.ConnectionString));
        await connection.OpenAsync();
        var scans = new List<string>();
        var perSignal = statements.Keys
            .Where(s => !s.StartsWith($"-- {Test}", StringComparison.Ordinal) && !s.StartsWith($"-- {StoreTags.Maintenance}", StringComparison.Ordinal))
            // The redrive at start (EF puts no tag on an ExecuteUpdate): once per start, over the retention-bounded outbox.
            .Where(s => !s.Contains("SET \"SentAt\" = NULL", StringComparison.Ordinal))
            .Where(s => Regex.IsMatch(s, @"^\s*(SELECT|UPDATE|DELETE)", RegexOptions.IgnoreCase)).ToList();
        foreach (var sql in perSignal)
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (Match p in Parameter().Matches(sql)) if (!explain.Parameters.Contains(p.Value)) explain.Parameters.AddWithValue(p.Value, DBNull.Value);
            var aliases = Alias().Matches(sql).ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
            await using var plan = await explain.ExecuteReaderAsync();
            while (await plan.ReadAsync())
            {
                var detail = plan.GetString(3);
                if (Regex.Match(detail, @"^SCAN (\w+)(?! USING (COVERING )?INDEX \w+ \()") is { Success: true } scan
                    && Growing.Contains(aliases.GetValueOrDefault(scan.Groups[1].Value, scan.Groups[1].Value)))
                    scans.Add($"{detail}\n    in: {sql.ReplaceLineEndings(" ")}");
            }
        }
        Assert.That(perSignal, Has.Some.Contains("\"Signals\"").And.Some.Contains("\"WorkflowBookmarks\""), "the stages' statements were captured");
        Assert.That(scans, Is.Empty, "full scans of a growing table:\n" + string.Join("\n", scans));
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();

    [GeneratedRegex("\"(\\w+)\" AS \"(\\w+)\"")]
    private static partial Regex Alias();

    private sealed class Observer(Action<DiagnosticListener> next) : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener value) => next(value);
        public void OnError(Exception error) { }
        public void OnCompleted() { }
    }

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnNext(T value) => next(value);
        public void OnError(Exception error) { }
        public void OnCompleted() { }
    }
}
