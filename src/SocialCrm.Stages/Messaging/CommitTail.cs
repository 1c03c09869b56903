namespace SocialCrm.Stages.Messaging;

/// <summary>
/// Updates of rows that every process shares (the day's aggregates: a handful of rows every measured case adds to),
/// left by the items of a group commit for the end of its transaction and done there in the order of their keys.
/// Done where each item ran, in whatever order the items came, two workers' batches took those rows in opposite
/// orders and deadlocked (bench --workers 2: 314 deadlocks in 1,000 signals, each failing a whole batch). At the end
/// a transaction holds them only for the moment before its commit, and every transaction takes them in one order.
/// Outside a group commit (a command, a test) the update is done at once.
/// </summary>
public sealed class CommitTail
{
    private readonly List<(int Item, string Key, Func<CancellationToken, Task> Apply)> _pending = [];
    private int _item = -1;

    public async Task AddAsync(string key, Func<CancellationToken, Task> apply, CancellationToken ct)
    {
        if (_item < 0) await apply(ct);
        else _pending.Add((_item, key, apply));
    }

    /// <summary>The item whose work follows; what it leaves goes with it if it is rolled back.</summary>
    internal void Begin(int item) => _item = item;

    internal void Discard(int item) => _pending.RemoveAll(p => p.Item == item);

    internal async Task RunAsync(CancellationToken ct)
    {
        try
        {
            foreach (var (_, _, apply) in _pending.OrderBy(p => p.Key, StringComparer.Ordinal)) await apply(ct);
        }
        finally
        {
            _pending.Clear();
            _item = -1;
        }
    }
}
