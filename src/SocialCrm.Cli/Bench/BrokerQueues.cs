using RabbitMQ.Client;
using SocialCrm.Stages.Hosting;

namespace SocialCrm.Cli.Bench;

/// <summary>Deletes a bench run's durable queues (quorum queues cannot be temporary), so runs leave nothing on the broker.</summary>
public static class BrokerQueues
{
    public static async Task DeleteAsync(BusOptions bus, IEnumerable<string> queues, CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = new Uri(bus.RabbitMqUri) };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        foreach (var queue in queues) await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false, cancellationToken: ct);
    }
}
