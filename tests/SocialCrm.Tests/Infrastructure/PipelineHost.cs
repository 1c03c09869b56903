using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Listen.Ingest;
using SocialCrm.Stages.Workflows;

namespace SocialCrm.Tests.Infrastructure;

/// <summary>A whole SocialCrm process (all four stages, relay, timers) on a real store and a real bus, for tests.</summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private readonly IHost _host;

    private PipelineHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public static SocialCrmOptions Options(DatabaseOptions database, string transport, Action<WorkflowSettings>? settings = null)
    {
        var options = new SocialCrmOptions
        {
            Database = database,
            Bus = new BusOptions
            {
                Transport = transport,
                RabbitMqUri = TestServers.RabbitMqUri,
                QueuePrefix = $"test-{Guid.NewGuid():N}-"[..14],
                TemporaryQueues = true,
                RetryIntervalsMs = [20, 100, 300],
            },
            Workflow = new WorkflowSettings { OutcomeWindowSeconds = 60 },
        };
        settings?.Invoke(options.Workflow);
        return options;
    }

    /// <summary>Builds the process; with start false nothing runs (no bus, no relay): a process that is down.</summary>
    public static async Task<PipelineHost> CreateAsync(SocialCrmOptions options, bool start = true, ILoggerProvider? logs = null)
    {
        if (options.Bus.Transport == BusOptions.RabbitMq) TestServers.RequireRabbitMq();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Critical); // expected key conflicts are retried
        if (logs is not null) builder.Logging.AddProvider(logs);
        builder.Services.AddSocialCrmWithStages(options);
        var host = new PipelineHost(builder.Build());
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SocialCrmInitializer>().InitializeAsync(CancellationToken.None);
        if (start) await host._host.StartAsync();
        return host;
    }

    /// <summary>Starts a process built with start false.</summary>
    public Task StartAsync() => _host.StartAsync();

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> QueryAsync<T>(Func<CrmDbContext, Task<T>> query) => WithScopeAsync(sp => query(sp.GetRequiredService<CrmDbContext>()));

    public Task<IngestResult> IngestAsync(SignalInput input) => WithScopeAsync(sp => sp.GetRequiredService<IngestSignalHandler>().HandleAsync(input, CancellationToken.None));

    /// <summary>Polls the store until the condition holds; fails with the description after the timeout.</summary>
    public async Task EventuallyAsync(string what, Func<CrmDbContext, Task<bool>> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await QueryAsync(condition)) return;
            await Task.Delay(50);
        }
        var failed = await QueryAsync(db => db.FailedMessages.Select(f => f.MessageType + ": " + f.Error).ToListAsync());
        Assert.Fail($"timed out after {seconds} s waiting for: {what}. Failed messages: {string.Join(" || ", failed)}");
    }

    public async ValueTask DisposeAsync()
    {
        try { await _host.StopAsync(TimeSpan.FromSeconds(10)); }
        catch (OperationCanceledException) { /* stopping a host that never started */ }
        _host.Dispose();
    }
}
