namespace SocialCrm.Stages.Messaging;

/// <summary>Wakes the relay right after a commit, so messages do not wait for the next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Lock _lock = new();

    public void Notify()
    {
        // Checked under a lock rather than catching SemaphoreFullException: this runs after every commit.
        lock (_lock)
            if (_signal.CurrentCount == 0) _signal.Release();
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
