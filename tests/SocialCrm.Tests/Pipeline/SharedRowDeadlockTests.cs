using Microsoft.EntityFrameworkCore;
using Npgsql;
using SocialCrm.Domain.Cases;
using SocialCrm.Cli.Bench;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Workflows;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Pipeline;

/// <summary>
/// Two workers measuring cases on one PostgreSQL store both add to the day's aggregate rows. Done in each item's turn,
/// their batches took those rows in different orders and deadlocked (bench --workers 2: 314 deadlocks in 1,000
/// signals, each failing and retrying a whole batch of up to 64 messages).
/// </summary>
[NonParallelizable]
public class SharedRowDeadlockTests
{
    [Test]
    public async Task Two_processes_measuring_on_one_store_do_not_deadlock_on_the_daily_aggregates()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Postgres);
        var options = PipelineHost.Options(store.Options, BusOptions.RabbitMq, s => { s.AutoAgent = true; s.OutcomeWindowSeconds = 0; });
        // Two workers on the same stage queues (competing consumers): one case's messages may go to either.
        options.Bus.TemporaryQueues = false;
        try
        {
            await RunAsync(store, options);
        }
        finally
        {
            await BrokerQueues.DeleteAsync(options.Bus, StageWorkflows.All.Select(s => options.Bus.QueuePrefix + s));
        }
    }

    private static async Task RunAsync(TestStore store, SocialCrmOptions options)
    {
        await using var first = await PipelineHost.CreateAsync(options);
        await using var second = await PipelineHost.CreateAsync(options);
        var before = await DeadlocksAsync(store.Options.ConnectionString);

        const int signals = 800;
        // Each process takes in half, from 40 customers who post again and again as the simulator's do.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(lane => Task.Run(async () =>
        {
            for (var i = lane; i < signals; i += 8)
                await (i % 2 == 0 ? first : second).IngestAsync(Signals.Complaint(postId: $"deadlock-{i}", handle: $"customer_{i % 40}"));
        })));
        await first.EventuallyAsync($"all {signals} cases are measured", async db => await db.Cases.CountAsync(c => c.Status == CaseStatus.Measured) == signals, seconds: 180);

        Assert.That(await DeadlocksAsync(store.Options.ConnectionString) - before, Is.Zero, "deadlocks PostgreSQL detected in the test's database");
        Assert.That(await first.QueryAsync(db => db.DailyAggregates.SumAsync(a => a.Cases)), Is.EqualTo(signals), "every case counted once");
    }

    private static async Task<long> DeadlocksAsync(string connectionString)
    {
        // The statistics are flushed when a backend's transaction ends, at most a second late.
        await Task.Delay(1500);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
