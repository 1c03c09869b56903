using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialCrm.Stages.Hosting;

namespace SocialCrm.Cli.Bench;

/// <summary>An empty message for the bare-transport measurement.</summary>
public sealed record BenchPing(int Sequence);

/// <summary>Counts what arrives and does nothing else: one publish-consume hop with no work in it.</summary>
public sealed class BenchPingConsumer(BenchCounter counter) : IConsumer<BenchPing>
{
    public Task Consume(ConsumeContext<BenchPing> context)
    {
        if (context.Message.Sequence >= 0) counter.Increment();
        return Task.CompletedTask;
    }
}

public sealed class BenchCounter
{
    private int _count;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public int Target { get; set; }
    public Task Done => _done.Task;

    public void Increment()
    {
        if (Interlocked.Increment(ref _count) == Target) _done.TrySetResult();
    }
}

/// <summary>Messages per second through one publish-consume hop of the transport, with the stages' endpoint settings.</summary>
public static class BareTransportBench
{
    public static async Task<double> MessagesPerSecondAsync(BusOptions options, int messages, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var counter = new BenchCounter { Target = messages };
        builder.Services.AddSingleton(counter);
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddConsumer<BenchPingConsumer>().Endpoint(e => { e.Name = options.QueuePrefix + "bench-ping"; e.Temporary = true; });
            bus.UseSocialCrmTransport(options);
        });
        using var host = builder.Build();
        await host.StartAsync(ct);
        var bus = host.Services.GetRequiredService<IBusControl>();
        while (bus.CheckHealth().Status != BusHealthStatus.Healthy) await Task.Delay(50, ct);
        await bus.Publish(new BenchPing(-1), ct); // warm-up (not counted): the exchange and its binding exist before the clock starts

        var clock = Stopwatch.StartNew();
        const int window = 200; // publishes in flight at once, like the outbox relay's batches
        for (var sent = 0; sent < messages; sent += window)
            await Task.WhenAll(Enumerable.Range(sent, Math.Min(window, messages - sent)).Select(i => bus.Publish(new BenchPing(i), ct)));
        await counter.Done.WaitAsync(TimeSpan.FromMinutes(5), ct);
        clock.Stop();
        await host.StopAsync(ct);
        return messages / clock.Elapsed.TotalSeconds;
    }
}
