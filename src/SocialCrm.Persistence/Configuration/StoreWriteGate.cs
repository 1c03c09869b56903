namespace SocialCrm.Persistence.Configuration;

/// <summary>
/// SQLite has one writer at a time; writers that collide wait in its busy handler, which sleeps in growing steps
/// and wrecks throughput. In-process writers queue here instead. On PostgreSQL the gate is open.
/// Webhook intake goes before the stages' work, which nobody waits on: platforms give up on a webhook that is not
/// answered within seconds, and behind a backlog of stage transactions it would wait for all of them. (The signal API
/// keeps its place in the queue: its callers pace themselves by its answers.)
/// </summary>
public sealed class StoreWriteGate(DatabaseOptions options)
{
    private readonly bool _open = options.Provider != DatabaseOptions.Sqlite;
    private readonly Lock _lock = new();
    private readonly Queue<TaskCompletionSource> _intake = new(), _work = new();
    private bool _held;
    private int _intakeStreak;

    /// <summary>After this many intake writers in a row, one waiting stage writer goes: a steady stream of webhooks cannot starve the stages.</summary>
    public const int IntakeBurst = 8;

    /// <summary>A webhook writer waits: a long holder (a group commit) should finish what it has and let it in.</summary>
    public bool IntakeWaiting
    {
        get { lock (_lock) return _intake.Count > 0; }
    }

    public async ValueTask<Releaser> EnterAsync(CancellationToken ct, bool intake = false)
    {
        if (_open) return new Releaser(null);
        TaskCompletionSource waiter;
        lock (_lock)
        {
            if (!_held)
            {
                _held = true;
                return new Releaser(this);
            }
            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (intake ? _intake : _work).Enqueue(waiter);
        }
        // Cancelled before the hand-over, the waiter stays queued and Release skips it.
        await using (ct.Register(() => waiter.TrySetCanceled(ct))) await waiter.Task;
        return new Releaser(this);
    }

    private void Release()
    {
        lock (_lock)
        {
            // A waiter that was cancelled refuses the hand-over; pass the gate on to the next.
            while (true)
            {
                var fromWork = _work.Count > 0 && (_intake.Count == 0 || _intakeStreak >= IntakeBurst);
                if (!(fromWork ? _work : _intake).TryDequeue(out var next)) break;
                _intakeStreak = fromWork ? 0 : _intakeStreak + 1;
                if (next.TrySetResult()) return;
            }
            _intakeStreak = 0;
            _held = false;
        }
    }

    public readonly struct Releaser(StoreWriteGate? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
