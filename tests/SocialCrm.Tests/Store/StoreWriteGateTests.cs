using SocialCrm.Persistence.Configuration;

namespace SocialCrm.Tests.Store;

/// <summary>The SQLite writer queue: one writer at a time, callers waiting for an answer before background work.</summary>
public class StoreWriteGateTests
{
    [Test]
    public async Task Intake_waiting_behind_stage_work_goes_next_and_a_cancelled_waiter_is_skipped()
    {
        var gate = new StoreWriteGate(new DatabaseOptions { Provider = DatabaseOptions.Sqlite });
        var order = new List<string>();
        var holder = await gate.EnterAsync(CancellationToken.None);

        async Task Enter(string name, bool intake, CancellationToken ct = default)
        {
            using var _ = await gate.EnterAsync(ct, intake);
            lock (order) order.Add(name);
        }

        var work1 = Enter("work1", intake: false);
        var work2 = Enter("work2", intake: false);
        using var cancelled = new CancellationTokenSource();
        var gaveUp = Enter("gave-up", intake: true, cancelled.Token);
        var intake = Enter("intake", intake: true);
        await cancelled.CancelAsync();
        Assert.That(async () => await gaveUp, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(order, Is.Empty, "nobody enters while the gate is held");

        holder.Dispose();
        await Task.WhenAll(work1, work2, intake);
        Assert.That(order, Is.EqualTo(new[] { "intake", "work1", "work2" }));
    }

    [Test]
    public async Task A_stream_of_intake_lets_one_stage_writer_through_after_a_burst()
    {
        var gate = new StoreWriteGate(new DatabaseOptions { Provider = DatabaseOptions.Sqlite });
        var order = new List<string>();
        var holder = await gate.EnterAsync(CancellationToken.None);
        async Task Enter(string name, bool intake)
        {
            using var _ = await gate.EnterAsync(CancellationToken.None, intake);
            lock (order) order.Add(name);
        }
        var work = Enter("work", intake: false);
        var intakes = Enumerable.Range(1, StoreWriteGate.IntakeBurst + 2).Select(i => Enter($"in{i}", intake: true)).ToList();
        holder.Dispose();
        await Task.WhenAll(intakes.Append(work));
        Assert.That(order.IndexOf("work"), Is.EqualTo(StoreWriteGate.IntakeBurst), "the stage writer goes after one burst of intake, not after all of it");
    }
}
