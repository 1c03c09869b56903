using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Audit;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Messaging;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Pipeline;

/// <summary>
/// On SQLite a webhook waits for the stages' transaction to end, and a platform gives up on a slow answer: a group
/// commit stops taking items when a webhook waits, and the rest go in the next transaction, after the webhook.
/// (Whole batches ahead of every webhook cut bench --webhooks from 313 to 102 POSTs/s.)
/// </summary>
public class GroupCommitYieldsToWebhooksTests
{
    [Test]
    public async Task A_waiting_webhook_writes_before_the_rest_of_a_batch_and_the_rest_still_commits()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        await using var host = await PipelineHost.CreateAsync(PipelineHost.Options(store.Options, BusOptions.InMemory));
        var committer = host.Services.GetRequiredService<GroupCommitter>();
        var gate = host.Services.GetRequiredService<StoreWriteGate>();

        // A first transaction holds the loop while the second's items queue: the holder and ten others.
        var (blocking, first) = (new TaskCompletionSource(), new TaskCompletionSource());
        var blocker = committer.RunAsync(new InboxKey(Guid.NewGuid(), "test"), async (_, _) =>
        {
            blocking.SetResult();
            await first.Task;
        }, CancellationToken.None);
        await blocking.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var (started, release) = (new TaskCompletionSource(), new TaskCompletionSource());
        var holder = committer.RunAsync(new InboxKey(Guid.NewGuid(), "test"), async (_, _) =>
        {
            started.SetResult();
            await release.Task;
        }, CancellationToken.None);
        var queued = Enumerable.Range(0, 10).Select(i => committer.RunAsync(new InboxKey(Guid.NewGuid(), "test"), (services, _) =>
        {
            services.GetRequiredService<CrmDbContext>().AuditEntries.Add(new AuditEntry { At = DateTime.UtcNow, Actor = "test", Action = "test.yield", Target = $"item {i}" });
            return Task.CompletedTask;
        }, CancellationToken.None)).ToList();
        await host.EventuallyAsync("the batch queued", _ => Task.FromResult(committer.Waiting == 11));
        first.SetResult();
        await blocker;
        // The second transaction has the store and all eleven items: the webhook comes now and waits.
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var webhook = gate.EnterAsync(CancellationToken.None, intake: true).AsTask();
        Assert.That(gate.IntakeWaiting, Is.True);
        release.SetResult();
        await holder;

        int committedWhenWebhookWrote;
        using (await webhook)
            committedWhenWebhookWrote = await host.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "test.yield"));
        await Task.WhenAll(queued);

        Assert.That(committedWhenWebhookWrote, Is.Zero, "the webhook went right after the item under way, not after the batch");
        Assert.That(await host.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "test.yield")), Is.EqualTo(10));
    }
}
