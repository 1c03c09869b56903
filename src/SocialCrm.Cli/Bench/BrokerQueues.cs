using RabbitMQ.Client;
using SocialCrm.Stages.Hosting;

namespace SocialCrm.Cli.Bench;

/// <summary>
/// Deletes a run's durable stage queues (quorum queues cannot be temporary), with their _error and _skipped queues and
/// the exchanges of the same names. The message types' exchanges stay (shared by every run with the prefix; empty).
/// Best effort: it runs after the measurement, whatever happened to it, so a failure here is reported, not thrown.
/// </summary>
public static class BrokerQueues
{
    public static async Task DeleteAsync(BusOptions bus, IEnumerable<string> queues)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = new Uri(bus.RabbitMqUri) };
            var nodes = bus.RabbitMqNodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            await using var connection = nodes.Length == 0 ? await factory.CreateConnectionAsync() : await factory.CreateConnectionAsync(nodes.Select(AmqpTcpEndpoint.Parse).ToList());
            await using var channel = await connection.CreateChannelAsync();
            foreach (var name in queues.SelectMany(q => new[] { q, q + "_error", q + "_skipped" }))
            {
                await channel.QueueDeleteAsync(name, ifUnused: false, ifEmpty: false);
                await channel.ExchangeDeleteAsync(name, ifUnused: false);
            }
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"socialcrm: the run's queues could not be deleted from the broker: {e.GetBaseException().Message}");
        }
    }
}
