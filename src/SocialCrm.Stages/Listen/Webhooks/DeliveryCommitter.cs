using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SocialCrm.Channels.Inbound;

namespace SocialCrm.Stages.Listen.Webhooks;

/// <summary>
/// Group commit for webhook deliveries: deliveries that arrive while a commit is under way are written together in
/// the next transaction, and each caller is answered when its own items are committed. Platforms send many small
/// deliveries at once; one transaction per delivery queued behind the stages' own writes (SQLite has one writer)
/// took 4x longer (bench --webhooks). A batch that fails is written again one delivery at a time, so one bad
/// delivery fails only its own request.
/// </summary>
public sealed class DeliveryCommitter : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<DeliveryCommitter> _log;
    private readonly Task _loop;

    /// <summary>A delivery waiting, with the trace of the request that brought it (its signals' traces start there).</summary>
    private sealed record Pending(IReadOnlyList<InboundItem> Items, TaskCompletionSource<DeliveryCounts> Done, Activity? Trace);

    public DeliveryCommitter(IServiceScopeFactory scopes, ILogger<DeliveryCommitter> log)
    {
        _scopes = scopes;
        _log = log;
        // The loop must not keep the trace of the request that happened to create it; each delivery brings its own.
        using (ExecutionContext.SuppressFlow()) _loop = Task.Run(RunAsync);
    }

    public Task<DeliveryCounts> CommitAsync(IReadOnlyList<InboundItem> items, CancellationToken ct)
    {
        var pending = new Pending(items, new TaskCompletionSource<DeliveryCounts>(TaskCreationOptions.RunContinuationsAsynchronously), Activity.Current);
        if (!_queue.Writer.TryWrite(pending)) throw new InvalidOperationException("the host is shutting down; the delivery was not stored");
        // A caller that gives up still has its delivery committed: the platform's retry then finds it stored.
        return pending.Done.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                var counts = await WriteAsync(batch);
                for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(counts[i]);
            }
            catch (Exception e) when (batch.Count > 1)
            {
                _log.LogInformation(e, "A batch of {Count} deliveries failed; writing them one by one", batch.Count);
                foreach (var pending in batch) await WriteAloneAsync(pending);
            }
            catch (Exception e)
            {
                await WriteAloneAsync(batch[0], e);
            }
        }
    }

    /// <summary>One delivery on its own, read again after a conflict: a concurrent writer of the same post makes this one its duplicate.</summary>
    private async Task WriteAloneAsync(Pending pending, Exception? first = null)
    {
        for (var attempt = first is DbUpdateException or null ? 1 : 3; ; attempt++)
        {
            try
            {
                pending.Done.TrySetResult((await WriteAsync([pending]))[0]);
                return;
            }
            catch (DbUpdateException) when (attempt < 3) { }
            catch (Exception e)
            {
                pending.Done.TrySetException(e);
                return;
            }
        }
    }

    private async Task<DeliveryCounts[]> WriteAsync(IReadOnlyList<Pending> deliveries)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DeliveryWriter>()
            .WriteAsync(deliveries.Select(p => p.Items).ToList(), CancellationToken.None, deliveries.Select(p => p.Trace).ToList());
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }
}
