using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Hosting;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Pipeline;

/// <summary>
/// Stopping the host is not a failure of the messages it was working on: they must not be parked for an admin as
/// "failed" (CI found healthy messages parked with "Cannot access a disposed object" after a host stopped mid-pipeline),
/// and the next start must finish them.
/// </summary>
public class ShutdownTests
{
    [Test]
    public async Task Stopping_the_host_mid_pipeline_parks_nothing_and_the_next_start_finishes_the_work()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        var options = PipelineHost.Options(store.Options, BusOptions.InMemory, s => { s.AutoAgent = true; s.OutcomeWindowSeconds = 1; });

        Guid[] accepted;
        var stopped = System.Diagnostics.Stopwatch.StartNew();
        var stopping = await PipelineHost.CreateAsync(options);
        {
            accepted = [.. (await Task.WhenAll(Enumerable.Range(0, 20).Select(i => stopping.IngestAsync(Signals.Complaint(handle: $"stop{i}"))))).Select(r => r.SignalId)];
            await stopping.EventuallyAsync("the pipeline is under way", async db => await db.Cases.AnyAsync());
            // The store is held by another connection for a few seconds while the host stops, so the stages are
            // mid-retry when it goes. The hold ends on its own: the stop must not depend on it.
            var holding = SocialCrm.Cli.Faults.FaultSuite.LockSqliteAsync(store.Options, TimeSpan.FromSeconds(5), CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(2));
            stopped.Restart();
            await stopping.DisposeAsync();
            stopped.Stop();
            await holding;
        }
        Assert.That(stopped.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the host stops without waiting out its retries");

        await using var restarted = await PipelineHost.CreateAsync(options);
        await restarted.EventuallyAsync("every accepted signal reaches measure", async db =>
            await db.Cases.CountAsync(c => accepted.Contains(c.SignalId) && c.Status == CaseStatus.Measured) == accepted.Length);
        var parked = await restarted.QueryAsync(db => db.FailedMessages.Select(m => m.MessageType + ": " + m.Error).ToListAsync());
        Assert.That(parked, Is.Empty, "nothing is parked as failed because the host stopped");
    }
}
