using RabbitMQ.Client;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Stages.Operations;

/// <summary>A stage queue as the broker sees it: messages waiting and processes consuming (every worker of the stage).</summary>
public sealed record QueueDepth(string Stage, string Queue, long Messages, long Consumers);

/// <summary>
/// The stage queues' depths, read from RabbitMQ (a passive declare per queue: it changes nothing). The in-memory bus
/// lives inside one process and has no queue to read. One connection, opened when first needed, again after a failure.
/// </summary>
public sealed class QueueDepths(SocialCrmOptions options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private IConnection? _connection;

    public async Task<(IReadOnlyList<QueueDepth> Queues, string? Unavailable)> ReadAsync(CancellationToken ct)
    {
        if (!options.Bus.Transport.Equals(BusOptions.RabbitMq, StringComparison.OrdinalIgnoreCase))
            return ([], "the in-memory bus keeps its queues inside the process: no depth to read (RabbitMQ shows them)");
        await _lock.WaitAsync(ct);
        try
        {
            _connection ??= await Factory().CreateConnectionAsync(Endpoints(), ct);
            var depths = new List<QueueDepth>();
            foreach (var stage in StageWorkflows.All)
            {
                var queue = options.Bus.QueuePrefix + stage;
                // A queue that does not exist (no process has run its stage yet) closes the channel: one channel each.
                await using var channel = await _connection.CreateChannelAsync(cancellationToken: ct);
                try
                {
                    var ok = await channel.QueueDeclarePassiveAsync(queue, ct);
                    depths.Add(new QueueDepth(stage, queue, ok.MessageCount, ok.ConsumerCount));
                }
                catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
                {
                    depths.Add(new QueueDepth(stage, queue, 0, 0));
                }
            }
            return (depths, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            if (_connection is { } broken) await broken.DisposeAsync();
            _connection = null;
            // Whatever the broker says (unreachable, refused, closed): the page shows it instead of failing.
            return ([], $"RabbitMQ did not answer: {e.GetBaseException().Message}");
        }
        finally
        {
            _lock.Release();
        }
    }

    private ConnectionFactory Factory() => new() { Uri = new Uri(options.Bus.RabbitMqUri), RequestedConnectionTimeout = TimeSpan.FromSeconds(5), ClientProvidedName = "socialcrm operations" };

    private List<AmqpTcpEndpoint> Endpoints()
    {
        var uri = new Uri(options.Bus.RabbitMqUri);
        var nodes = options.Bus.RabbitMqNodes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return nodes.Length == 0 ? [new AmqpTcpEndpoint(uri)] : nodes.Select(n => AmqpTcpEndpoint.Parse(n)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection) await connection.DisposeAsync();
    }
}
