using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Persistence.Messaging;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Operations;
using SocialCrm.Stages.Workflows;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Pipeline;

/// <summary>The operations page's list of a cluster's processes: who runs which stages, and who has gone quiet.</summary>
public class ProcessHeartbeatTests
{
    [Test]
    public async Task A_running_process_is_listed_with_its_stages_a_silent_one_is_not_answering_and_a_clean_stop_is_recorded()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        var host = await PipelineHost.CreateAsync(PipelineHost.Options(store.Options, BusOptions.InMemory));
        var self = host.Services.GetRequiredService<ProcessHeartbeats>().Id;
        await host.EventuallyAsync("the process reports itself on start", db => db.ProcessHeartbeats.AnyAsync(p => p.Id == self), seconds: 15);

        // A process that died a minute ago (no stop recorded) and one gone for two days.
        var now = DateTime.UtcNow;
        await host.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CrmDbContext>();
            db.ProcessHeartbeats.AddRange(
                new ProcessHeartbeat { Id = "node-b/41/1", Host = "SocialCrm.Worker", Machine = "node-b", ProcessId = 41, Stages = "act,measure", StartedAt = now.AddHours(-1), LastSeenAt = now.AddMinutes(-1) },
                new ProcessHeartbeat { Id = "node-c/7/1", Host = "SocialCrm.Worker", Machine = "node-c", ProcessId = 7, Stages = "listen", StartedAt = now.AddDays(-3), LastSeenAt = now.AddDays(-2) });
            return await db.SaveChangesAsync();
        });
        await host.Services.GetRequiredService<ProcessHeartbeats>().BeatAsync(stoppedAt: null, CancellationToken.None);

        var processes = await host.WithScopeAsync(async sp => (await sp.GetRequiredService<OperationsQueries>().SnapshotAsync(15, CancellationToken.None)).Processes);
        Assert.Multiple(() =>
        {
            Assert.That(processes.Select(p => (p.Machine, p.State)), Is.EqualTo(new[] { (Environment.MachineName, "running"), ("node-b", "not answering") }),
                "running first; the one gone for two days is forgotten");
            Assert.That(processes[0].Stages, Is.EqualTo(StageWorkflows.All));
            Assert.That(processes[0].ProcessId, Is.EqualTo(Environment.ProcessId));
            Assert.That(processes[1].Stages, Is.EqualTo(new[] { "act", "measure" }));
        });

        await host.DisposeAsync();
        await using var services = new ServiceCollection().AddCrmPersistence(store.Options).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().ProcessHeartbeats.SingleAsync(p => p.Id == self);
        Assert.That(row.StoppedAt, Is.Not.Null, "a clean stop is recorded, so it reads stopped, not lost");
    }
}
