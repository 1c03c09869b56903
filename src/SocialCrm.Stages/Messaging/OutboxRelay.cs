using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Persistence.Messaging;
using SocialCrm.Stages.Hosting;

namespace SocialCrm.Stages.Messaging;

/// <summary>
/// Publishes committed outbox rows, oldest first, with the row id as MessageId so that consumers' inboxes drop a
/// second delivery. Polls as well as waking on commit, so rows left pending by a crash or by another process
/// are picked up after a restart. On the in-memory transport a published message lives only in this process, so
/// on start the relay also sends again what the last process published but no consumer committed.
/// </summary>
public sealed class OutboxRelay(IServiceScopeFactory scopes, IBusControl bus, OutboxSignal signal, StoreWriteGate gate, TimeProvider clock,
    SocialCrmOptions options, ILogger<OutboxRelay> log)
    : BackgroundService
{
    private const int BatchSize = 200;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Publishing before the receive endpoints are up would drop messages on the in-memory transport.
        while (!stoppingToken.IsCancellationRequested && bus.CheckHealth().Status != BusHealthStatus.Healthy)
            await Task.Delay(50, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        if (options.Bus.Transport.Equals(BusOptions.InMemory, StringComparison.OrdinalIgnoreCase))
            await RedriveAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await RelayBatchAsync(stoppingToken);
                if (sent == BatchSize) continue;
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (OperationCanceledException)
            {
                log.LogWarning("the broker did not take the outbox batch within {Timeout} s; relaying it again", PublishTimeout.TotalSeconds);
            }
            catch (Exception e)
            {
                log.LogWarning(e, "outbox relay failed; retrying");
                await Task.Delay(PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// Marks for sending again every message a consumer here would have handled that has neither an inbox row (its
    /// effect committed) nor a failed-message row (parked for an admin): it was in the in-memory queues, or in a
    /// retry, when the last process died. The inbox makes a second delivery of anything else harmless.
    /// </summary>
    public async Task<int> RedriveAsync(CancellationToken ct)
    {
        var consumed = StageBusExtensions.MessagesConsumedBy(options);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
                using var _ = await gate.EnterAsync(ct);
                var redriven = await db.OutboxMessages
                    .Where(m => m.SentAt != null && consumed.Contains(m.MessageType)
                                && !db.InboxMessages.Any(i => i.MessageId == m.Id) && !db.FailedMessages.Any(f => f.MessageId == m.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, (DateTime?)null), ct);
                if (redriven > 0) log.LogWarning("{Count} messages published before the last stop never reached their consumer; sending them again", redriven);
                return redriven;
            }
            catch (Exception e) when (attempt < 30 && !ct.IsCancellationRequested)
            {
                log.LogWarning(e, "could not look for unfinished messages yet; trying again");
                await Task.Delay(PollInterval, ct);
            }
        }
    }

    /// <summary>
    /// On a server store every process runs a relay. Each claims its batch with row locks that the others skip, held
    /// by the transaction that marks the rows sent, so two relays never publish one row (SQLite has one writer
    /// process, whose relay needs no claim).
    /// </summary>
    private static readonly Dictionary<string, string> ClaimSql = new(StringComparer.OrdinalIgnoreCase)
    {
        [DatabaseOptions.Postgres] = """SELECT * FROM "OutboxMessages" WHERE "SentAt" IS NULL ORDER BY "CreatedAt", "Id" LIMIT {0} FOR UPDATE SKIP LOCKED""",
        [DatabaseOptions.SqlServer] = "SELECT TOP ({0}) * FROM [OutboxMessages] WITH (UPDLOCK, ROWLOCK, READPAST) WHERE [SentAt] IS NULL ORDER BY [CreatedAt], [Id]",
    };

    /// <summary>Publishes a row inside a span of the trace that wrote it, so the consumer's span joins that trace.</summary>
    private async Task PublishAsync(OutboxMessage row, object message, Type type, CancellationToken ct)
    {
        // A row written outside any trace (a command-line import, a host without telemetry) starts its own here.
        var context = row.TraceParent is { } parent && ActivityContext.TryParse(parent, null, out var parsed) ? parsed : default;
        using var span = StageMetrics.Tracing.StartActivity("outbox relay", ActivityKind.Producer, context);
        span?.SetTag("messaging.message.type", row.MessageType);
        await bus.Publish(message, type, publish => publish.MessageId = row.Id, ct);
    }

    public async Task<int> RelayBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var claim = ClaimSql.GetValueOrDefault(options.Database.Provider);
        var transaction = claim is null ? null : await db.Database.BeginTransactionAsync(ct);
        try
        {
            var batch = claim is null
                ? await db.OutboxMessages.Where(m => m.SentAt == null).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Take(BatchSize).ToListAsync(ct)
                : await db.OutboxMessages.FromSqlRaw(claim, BatchSize).AsNoTracking().ToListAsync(ct);
            if (batch.Count == 0) return 0;

            var now = clock.GetUtcNow().UtcDateTime;
            var unreadable = new List<FailedMessage>();
            // A publish that began while the broker was going away can wait for ever, even after the connection is back
            // (the fault suite's broker restart left the relay stuck so): give up after a while and relay the batch again.
            using var publishing = CancellationTokenSource.CreateLinkedTokenSource(ct);
            publishing.CancelAfter(PublishTimeout);
            await Task.WhenAll(batch.Select(row =>
            {
                var (type, message, problem) = Read(row);
                if (problem is null) return PublishAsync(row, message!, type!, publishing.Token);
                // One row nobody can read must not hold up every row behind it: it is parked for an admin, like a failed message.
                log.LogError("outbox row {Id} cannot be published: {Problem}", row.Id, problem);
                unreadable.Add(new FailedMessage { MessageId = row.Id, MessageType = row.MessageType, Body = row.Body, Error = problem, FailedAt = now });
                return Task.CompletedTask;
            }));
            StageMetrics.OutboxPublished.Add(batch.Count);

            var ids = batch.Select(b => b.Id).ToList();
            using var _ = await gate.EnterAsync(ct);
            transaction ??= await db.Database.BeginTransactionAsync(ct);
            await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now), ct);
            if (unreadable.Count > 0)
            {
                db.FailedMessages.AddRange(unreadable);
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
            return batch.Count;
        }
        finally
        {
            if (transaction is not null) await transaction.DisposeAsync();
        }
    }

    private static (Type? Type, object? Message, string? Problem) Read(OutboxMessage row)
    {
        try
        {
            var type = MessageTypes.Resolve(row.MessageType);
            return JsonSerializer.Deserialize(row.Body, type, JsonSerializerOptions.Web) is { } message
                ? (type, message, null)
                : (null, null, "the stored message is empty");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
        {
            return (null, null, $"the stored message cannot be read as {row.MessageType}: {e.Message}");
        }
    }
}
