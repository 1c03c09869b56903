using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Contracts.Listen;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Persistence.Messaging;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Messaging;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Pipeline;

/// <summary>
/// Every process of a cluster runs an outbox relay against the one PostgreSQL store. Consumers' inboxes would hide a
/// row published twice, but each second publish is broker and consumer work for nothing, and a relay that reads what
/// another is publishing doubles the traffic under load: each row must be published by exactly one relay.
/// </summary>
public class RelayClaimTests
{
    private sealed class PublishCounter(ConcurrentDictionary<Guid, int> counts) : IPublishObserver
    {
        public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;
        public Task PostPublish<T>(PublishContext<T> context) where T : class
        {
            counts.AddOrUpdate(context.MessageId!.Value, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }
        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }

    [Test]
    public async Task Three_relays_on_one_PostgreSQL_store_publish_each_row_once()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Postgres);
        // Processes that run no stage: only their relays work, each on its own bus.
        var options = PipelineHost.Options(store.Options, BusOptions.InMemory);
        options.Stages = "";
        var hosts = new List<PipelineHost>();
        for (var i = 0; i < 3; i++) hosts.Add(await PipelineHost.CreateAsync(options, start: false));
        try
        {
            const int rows = 3000;
            var created = DateTime.UtcNow;
            await hosts[0].QueryAsync(async db =>
            {
                db.OutboxMessages.AddRange(Enumerable.Range(0, rows).Select(i => new OutboxMessage
                {
                    MessageType = MessageTypes.NameOf(typeof(SignalAccepted)),
                    Body = JsonSerializer.Serialize(new SignalAccepted(Guid.NewGuid(), created), JsonSerializerOptions.Web),
                    CreatedAt = created.AddTicks(i),
                }));
                return await db.SaveChangesAsync();
            });

            var counts = new ConcurrentDictionary<Guid, int>();
            foreach (var host in hosts) host.Services.GetRequiredService<IBus>().ConnectPublishObserver(new PublishCounter(counts));
            await Task.WhenAll(hosts.Select(h => h.StartAsync()));
            await hosts[0].EventuallyAsync("every outbox row is marked sent", async db => !await db.OutboxMessages.AnyAsync(m => m.SentAt == null), seconds: 60);

            Assert.Multiple(() =>
            {
                Assert.That(counts, Has.Count.EqualTo(rows), "every row published");
                Assert.That(counts.Values.Sum(), Is.EqualTo(rows), $"published twice: {counts.Count(c => c.Value > 1)} rows");
            });
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync();
        }
    }
}
