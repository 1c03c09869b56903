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
/// The group commit puts many stage messages in one transaction; each must still behave as if it had its own:
/// a failing one fails alone, a message handled twice has one effect, and an item sees what the items before it in
/// its batch wrote. A first item that waits holds the commit loop, so everything queued behind it is one batch.
/// </summary>
[TestFixture(DatabaseOptions.Sqlite)]
[TestFixture(DatabaseOptions.Postgres)]
public class GroupCommitterTests(string provider)
{
    private TestStore _store = null!;
    private PipelineHost _host = null!;
    private GroupCommitter Committer => _host.Services.GetRequiredService<GroupCommitter>();

    [SetUp]
    public async Task SetUp()
    {
        _store = await TestStore.CreateAsync(provider);
        _host = await PipelineHost.CreateAsync(PipelineHost.Options(_store.Options, BusOptions.InMemory));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Test]
    public async Task A_failing_message_fails_alone_and_its_neighbours_in_the_batch_commit()
    {
        var (holder, release) = await HoldTheLoopAsync();
        var keys = Enumerable.Range(0, 12).Select(_ => Key()).ToList();
        var runs = keys.Select((key, i) => Committer.RunAsync(key, (services, _) =>
        {
            services.GetRequiredService<CrmDbContext>().AuditEntries.Add(Entry($"item {i}"));
            // The failing one has written too: its rows must be rolled back, not its neighbours'.
            return i == 5 ? throw new InvalidOperationException("item 5 is bad") : Task.CompletedTask;
        }, CancellationToken.None)).ToList();
        release.SetResult();
        await holder;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () => await runs[5]);
        Assert.That(failure!.Message, Is.EqualTo("item 5 is bad"));
        await Task.WhenAll(runs.Where((_, i) => i != 5));
        var written = await _host.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "test.group-commit").Select(a => a.Target).ToListAsync());
        Assert.That(written, Is.EquivalentTo(Enumerable.Range(0, 12).Where(i => i != 5).Select(i => $"item {i}")));
        var inbox = await _host.QueryAsync(db => db.InboxMessages.Where(m => m.Consumer == "test").Select(m => m.MessageId).ToListAsync());
        Assert.That(inbox, Does.Not.Contain(keys[5].MessageId), "the failed message is not marked handled, so its retry runs it");
        Assert.That(inbox, Has.Count.EqualTo(12), "the holder and the 11 that committed");

        // Its retry, alone now, commits.
        await Committer.RunAsync(keys[5], (services, _) =>
        {
            services.GetRequiredService<CrmDbContext>().AuditEntries.Add(Entry("item 5"));
            return Task.CompletedTask;
        }, CancellationToken.None);
        Assert.That(await _host.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Target == "item 5")), Is.EqualTo(1));
    }

    [Test]
    public async Task A_message_delivered_twice_in_one_batch_or_after_it_has_one_effect()
    {
        var (holder, release) = await HoldTheLoopAsync();
        var key = Key();
        var runs = Enumerable.Range(0, 3).Select(_ => Committer.RunAsync(key, (services, _) =>
        {
            services.GetRequiredService<CrmDbContext>().AuditEntries.Add(Entry("once"));
            return Task.CompletedTask;
        }, CancellationToken.None)).ToList();
        release.SetResult();
        await Task.WhenAll(runs.Append(holder));
        await Committer.RunAsync(key, (services, _) =>
        {
            services.GetRequiredService<CrmDbContext>().AuditEntries.Add(Entry("once"));
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.That(await _host.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Target == "once")), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_post_twice_in_one_batch_is_one_signal_and_the_second_is_its_duplicate()
    {
        var (holder, release) = await HoldTheLoopAsync();
        var post = Signals.Complaint(postId: "same-post");
        var first = _host.IngestAsync(post);
        var second = _host.IngestAsync(post);
        try
        {
            // Both have passed their own look-up (nothing stored yet) and wait in the queue behind the holder.
            await _host.EventuallyAsync("both wait for the commit", _ => Task.FromResult(Committer.Waiting >= 2));
        }
        finally
        {
            release.SetResult();
        }
        await holder;

        var results = await Task.WhenAll(first, second);
        Assert.That(results.Select(r => r.SignalId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(results.Count(r => r.Duplicate), Is.EqualTo(1));
        Assert.That(await _host.QueryAsync(db => db.Signals.CountAsync(s => s.PlatformPostId == "same-post")), Is.EqualTo(1));
    }

    /// <summary>
    /// A transaction under way that holds the committer until released, so what is queued next waits for the next
    /// one. It has started before this returns: queued together with the holder, the rest would share its batch.
    /// </summary>
    private async Task<(Task Holder, TaskCompletionSource Release)> HoldTheLoopAsync()
    {
        var (started, release) = (new TaskCompletionSource(), new TaskCompletionSource());
        var holder = Committer.RunAsync(Key(), async (_, _) =>
        {
            started.TrySetResult();
            await release.Task;
        }, CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return (holder, release);
    }

    private static InboxKey Key() => new(Guid.NewGuid(), "test");

    private static AuditEntry Entry(string target) => new() { At = DateTime.UtcNow, Actor = "test", Action = "test.group-commit", Target = target };
}
