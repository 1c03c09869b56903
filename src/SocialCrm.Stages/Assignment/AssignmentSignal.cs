namespace SocialCrm.Stages.Assignment;

/// <summary>Wakes this process's auto-assignment at once when something changed that may let a waiting case go to someone.</summary>
public sealed class AssignmentSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try { _wake.Release(); }
            catch (SemaphoreFullException) { /* woken already */ }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}
