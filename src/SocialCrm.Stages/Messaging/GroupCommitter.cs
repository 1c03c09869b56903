using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Persistence.Messaging;
using SocialCrm.Stages.Hosting;

namespace SocialCrm.Stages.Messaging;

/// <summary>A stage message's inbox row: (MessageId, consumer) handled once, whatever the redeliveries.</summary>
public readonly record struct InboxKey(Guid MessageId, string Consumer);

/// <summary>
/// Group commit for the stages' messages and the signal API: work that arrives while a transaction is under way is
/// done together in the next one, up to BusOptions.BatchSize items, and each caller returns when its own work is
/// committed. A commit costs a disk flush (about a millisecond here) while a row inside a transaction costs
/// microseconds, and SQLite has one writer: one transaction per message capped the stages at some 250 messages a
/// second whatever the work (bench --signals). Each item runs in its own savepoint and is flushed before the next,
/// so it sees what the items before it wrote, and one that fails is rolled back alone and fails only its own caller
/// (whose retry and failed-message rules then apply as for any message); its neighbours commit.
/// </summary>
public sealed class GroupCommitter : IAsyncDisposable
{
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly StoreWriteGate _gate;
    private readonly OutboxSignal _relay;
    private readonly TimeProvider _clock;
    private readonly ILogger<GroupCommitter> _log;
    private readonly int _maxBatch;
    private readonly Task _loop;

    public GroupCommitter(IServiceScopeFactory scopes, StoreWriteGate gate, OutboxSignal relay, TimeProvider clock, BusOptions options, ILogger<GroupCommitter> log)
    {
        (_scopes, _gate, _relay, _clock, _log) = (scopes, gate, relay, clock, log);
        _maxBatch = Math.Max(1, options.BatchSize);
        // The loop must not carry the context (the trace) of whoever happened to create it; each item brings its own.
        using (ExecutionContext.SuppressFlow()) _loop = Task.Run(RunAsync);
    }

    /// <summary>Items waiting for the next transaction (the one under way not counted).</summary>
    public int Waiting => Volatile.Read(ref _waiting);
    // The single-reader channel cannot count its items, so they are counted here.
    private int _waiting;

    /// <summary>Runs a stage message's handler once: a message whose inbox row is already there returns at once.</summary>
    public Task RunAsync(InboxKey inbox, Func<IServiceProvider, CancellationToken, Task> handle, CancellationToken ct) =>
        EnqueueAsync<bool>(inbox, async (services, token) =>
        {
            await handle(services, token);
            return true;
        }, ct);

    /// <summary>Runs one piece of intake work (no inbox) and returns its result once committed.</summary>
    public Task<T> RunAsync<T>(Func<IServiceProvider, CancellationToken, Task<T>> work, CancellationToken ct) => EnqueueAsync(null, work, ct);

    private Task<T> EnqueueAsync<T>(InboxKey? inbox, Func<IServiceProvider, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        var item = new Work<T>(inbox, work);
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(item))
        {
            Interlocked.Decrement(ref _waiting);
            throw new InvalidOperationException("the host is shutting down; the work was not committed");
        }
        // A caller that gives up may still have its work committed: a redelivery then finds its inbox row.
        return item.Done.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var batch = new List<Work>(_maxBatch);
        while (batch.Count > 0 || await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                Interlocked.Decrement(ref _waiting);
            }
            try
            {
                // What a yield to webhook intake left over goes first in the next transaction.
                batch.RemoveRange(0, await CommitAsync(batch));
            }
            catch (Exception e)
            {
                // The transaction itself failed (the store went away, the commit was refused): nothing of it
                // stands, so every caller not yet answered retries.
                _log.LogDebug(e, "a group commit of {Count} items failed", batch.Count);
                foreach (var work in batch) work.Fail(e);
                batch.Clear();
            }
        }
    }

    /// <summary>Commits the batch's first items in one transaction and returns how many it took.</summary>
    private async Task<int> CommitAsync(List<Work> batch)
    {
        var step = Stopwatch.GetTimestamp();
        await using var scope = _scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<CrmDbContext>();
        var tail = services.GetRequiredService<CommitTail>();
        // Our savepoint around each item does what EF's own around each SaveChanges would, once.
        db.Database.AutoSavepointsEnabled = false;
        using var _ = await _gate.EnterAsync(CancellationToken.None);
        StageMetrics.RecordStep("gate", step);
        step = Stopwatch.GetTimestamp();
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var handled = await HandledAsync(db, batch);
        StageMetrics.RecordStep("begin and inbox", step);
        var now = _clock.GetUtcNow().UtcDateTime;
        var alone = batch.Count == 1;
        var taken = 0;
        foreach (var work in batch)
        {
            // On SQLite a webhook waits for this transaction to end, and a platform gives up on a slow answer: the
            // rest of the batch waits for the next one instead (bench --webhooks: 102 POST/s behind whole batches).
            if (taken > 0 && _gate.IntakeWaiting) break;
            taken++;
            if (work.Inbox is { } key && !handled.Add(key))
            {
                work.Skip();
                continue;
            }
            var name = work.Inbox?.Consumer ?? "intake";
            step = Stopwatch.GetTimestamp();
            if (!alone) await transaction.CreateSavepointAsync("item");
            StageMetrics.RecordStep("savepoints", step);
            step = Stopwatch.GetTimestamp();
            try
            {
                var row = work.Inbox is { } inbox ? new InboxMessage { MessageId = inbox.MessageId, Consumer = inbox.Consumer, ProcessedAt = now } : null;
                if (row is not null) db.InboxMessages.Add(row);
                // The item's own trace (its message's consume, the webhook's request): what it writes to the outbox
                // carries that trace on to the next stage.
                Activity.Current = StageTraces.Running(work.Activity);
                tail.Begin(taken);
                await work.RunAsync(services);
                var handlingMs = Stopwatch.GetElapsedTime(step).TotalMilliseconds;
                if (row is not null) row.HandlingMs = handlingMs;
                StageMetrics.Handled.Record(handlingMs, new KeyValuePair<string, object?>("handler", name));
                step = Stopwatch.GetTimestamp();
                await db.SaveChangesAsync(CancellationToken.None);
                StageMetrics.RecordStep("save", step);
                step = Stopwatch.GetTimestamp();
                if (!alone) await transaction.ReleaseSavepointAsync("item");
                StageMetrics.RecordStep("savepoints", step);
            }
            catch (Exception e)
            {
                StageMetrics.Failed.Add(1, new KeyValuePair<string, object?>("handler", name));
                // The store out of reach takes the transaction with it: the whole batch waits the outage out, with
                // the cause as its error (a failed rollback's own error would read as a bug and be parked).
                if (alone || StoreFailures.IsTransient(e)) throw;
                try
                {
                    await transaction.RollbackToSavepointAsync("item");
                }
                catch (Exception rollback) when (!StoreFailures.IsTransient(rollback))
                {
                    ExceptionDispatchInfo.Throw(e);
                }
                tail.Discard(taken);
                if (work.Inbox is { } failed) handled.Remove(failed);
                work.Fail(e);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        Activity.Current = null;
        step = Stopwatch.GetTimestamp();
        await tail.RunAsync(CancellationToken.None);
        StageMetrics.RecordStep("shared rows", step);
        step = Stopwatch.GetTimestamp();
        await transaction.CommitAsync(CancellationToken.None);
        StageMetrics.RecordStep("commit", step);
        StageMetrics.BatchSize.Record(taken);
        for (var i = 0; i < taken; i++) batch[i].Succeed();
        _relay.Notify();
        return taken;
    }

    /// <summary>The batch's messages already handled, in one query.</summary>
    private static async Task<HashSet<InboxKey>> HandledAsync(CrmDbContext db, List<Work> batch)
    {
        var ids = batch.Where(w => w.Inbox is not null).Select(w => w.Inbox!.Value.MessageId).Distinct().ToList();
        if (ids.Count == 0) return [];
        var rows = await db.InboxMessages.AsNoTracking().Where(m => ids.Contains(m.MessageId)).Select(m => new { m.MessageId, m.Consumer }).ToListAsync();
        return rows.Select(r => new InboxKey(r.MessageId, r.Consumer)).ToHashSet();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private abstract class Work(InboxKey? inbox)
    {
        public InboxKey? Inbox { get; } = inbox;
        public Activity? Activity { get; } = Activity.Current;
        public abstract Task RunAsync(IServiceProvider services);
        /// <summary>Answers the caller once the transaction committed, unless the item already failed or was skipped.</summary>
        public abstract void Succeed();
        public abstract void Skip();
        public abstract void Fail(Exception e);
    }

    private sealed class Work<T>(InboxKey? inbox, Func<IServiceProvider, CancellationToken, Task<T>> work) : Work(inbox)
    {
        private T _result = default!;
        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public override async Task RunAsync(IServiceProvider services) => _result = await work(services, CancellationToken.None);
        public override void Succeed() => Done.TrySetResult(_result);
        public override void Skip() => Done.TrySetResult(default!);
        public override void Fail(Exception e) => Done.TrySetException(e);
    }
}
