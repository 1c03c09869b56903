using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Messaging;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Pipeline;

/// <summary>
/// The outbox and inbox do not grow without bound: what was delivered and handled is pruned after the retention,
/// while a message still waiting for its consumer, and the inbox rows that recognise its redelivery, stay.
/// Customer history, cases and journals are never pruned.
/// </summary>
public class MessageRetentionTests
{
    [Test]
    public async Task Delivered_and_handled_messages_are_pruned_after_the_retention_and_nothing_a_redrive_needs_goes()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        var options = PipelineHost.Options(store.Options, BusOptions.InMemory, s => { s.AutoAgent = true; s.OutcomeWindowSeconds = 1; });
        options.Retention.MessageHours = 72;
        await using var host = await PipelineHost.CreateAsync(options);
        var accepted = (await Task.WhenAll(Enumerable.Range(0, 3).Select(i => host.IngestAsync(Signals.Complaint(handle: $"kept{i}"))))).Select(r => r.SignalId).ToList();
        await host.EventuallyAsync("every signal is measured", async db => await db.Cases.CountAsync(c => c.Status == CaseStatus.Measured) == 3);
        await host.EventuallyAsync("the relay has published everything", async db => !await db.OutboxMessages.AnyAsync(m => m.SentAt == null));

        var (outboxBefore, inboxBefore, journalBefore, interactionsBefore) = await host.QueryAsync(async db =>
            (await db.OutboxMessages.CountAsync(), await db.InboxMessages.CountAsync(), await db.WorkflowJournal.CountAsync(), await db.Interactions.CountAsync()));
        Assert.That(outboxBefore, Is.GreaterThan(3));
        // Four days pass. One message, though published, never reached its consumer (its inbox row is gone): a redrive still needs it.
        var waiting = await host.QueryAsync(async db =>
        {
            await db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, m => m.SentAt!.Value.AddHours(-96)));
            await db.InboxMessages.ExecuteUpdateAsync(s => s.SetProperty(i => i.ProcessedAt, i => i.ProcessedAt.AddHours(-96)));
            var id = await db.OutboxMessages.OrderBy(m => m.CreatedAt).Select(m => m.Id).FirstAsync();
            await db.InboxMessages.Where(i => i.MessageId == id).ExecuteDeleteAsync();
            return id;
        });

        var (outbox, inbox) = await host.Services.GetRequiredService<MessageRetention>().PruneAsync(CancellationToken.None);
        Assert.That(outbox, Is.EqualTo(outboxBefore - 1));
        Assert.That(await host.QueryAsync(db => db.OutboxMessages.Select(m => m.Id).ToListAsync()), Is.EqualTo(new[] { waiting }), "the undelivered message stays");
        Assert.That(inbox, Is.EqualTo(inboxBefore - 1), "every inbox row older than the retention whose message is gone (the waiting one's was removed above)");
        Assert.Multiple(async () =>
        {
            Assert.That(await host.QueryAsync(db => db.WorkflowJournal.CountAsync()), Is.EqualTo(journalBefore), "journals stay");
            Assert.That(await host.QueryAsync(db => db.Interactions.CountAsync()), Is.EqualTo(interactionsBefore), "customer history stays");
            Assert.That(await host.QueryAsync(db => db.Cases.CountAsync(c => accepted.Contains(c.SignalId))), Is.EqualTo(3));
        });
        Assert.That(await host.Services.GetRequiredService<MessageRetention>().PruneAsync(CancellationToken.None), Is.EqualTo((0, 0)), "nothing more to prune");
    }
}
