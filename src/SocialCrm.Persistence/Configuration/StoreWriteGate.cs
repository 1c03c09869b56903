namespace SocialCrm.Persistence.Configuration;

/// <summary>
/// SQLite has one writer at a time; writers that collide wait in its busy handler, which sleeps in growing steps
/// and wrecks throughput. In-process writers queue here instead. On PostgreSQL the gate is open.
/// </summary>
public sealed class StoreWriteGate(DatabaseOptions options)
{
    private readonly SemaphoreSlim? _gate = options.Provider == DatabaseOptions.Sqlite ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<Releaser> EnterAsync(CancellationToken ct)
    {
        if (_gate is not null) await _gate.WaitAsync(ct);
        return new Releaser(_gate);
    }

    public readonly struct Releaser(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
