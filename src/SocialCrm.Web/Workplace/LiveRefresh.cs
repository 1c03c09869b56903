namespace SocialCrm.Web.Workplace;

/// <summary>
/// Reloads a page's data every few seconds while it is open (the console's live updates), one reload at a time, and
/// stops for good when the page goes, even if it goes while a reload is under way.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public LiveRefresh(TimeSpan every, Func<Task> reload, Action<Exception>? failed = null) => _ = RunAsync(every, reload, failed);

    private async Task RunAsync(TimeSpan every, Func<Task> reload, Action<Exception>? failed)
    {
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try { await reload(); }
                catch (Exception e) when (e is not OperationCanceledException) { failed?.Invoke(e); }
            }
        }
        catch (OperationCanceledException) { /* the page went */ }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
