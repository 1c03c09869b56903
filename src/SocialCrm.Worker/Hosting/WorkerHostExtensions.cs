using MassTransit;
using Microsoft.Extensions.Configuration.Memory;
using SocialCrm.Persistence.Configuration;
using SocialCrm.ServiceDefaults;
using SocialCrm.Stages.Hosting;

namespace SocialCrm.Worker.Hosting;

public static class WorkerHostExtensions
{
    /// <summary>`SocialCrm.Worker migrate`: migrate the store, import the workflows, seed, and exit (a deployment's Job before a rollout).</summary>
    public const string MigrateCommand = "migrate";

    /// <summary>The stages of SocialCrm:Stages on the shared bus and store, with the probes and metrics; nothing else.</summary>
    public static WebApplicationBuilder AddSocialCrmWorker(this WebApplicationBuilder builder)
    {
        // Defaults under every other source (no appsettings.json of its own: the worker's build is copied beside the
        // web host's and the command line's, whose file would take its place).
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        var options = builder.Configuration.GetSocialCrmOptions();
        if (Misconfigured(options) is { } problem) throw new WorkerMisconfiguredException(problem);
        builder.Services.AddSocialCrmWithStages(options);
        builder.AddSocialCrmServiceDefaults();
        return builder;
    }

    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        ["Logging:LogLevel:MassTransit"] = "Warning",
        ["Logging:Console:FormatterOptions:IncludeScopes"] = "true",
        ["SocialCrm:Bus:Transport"] = BusOptions.RabbitMq,
        ["SocialCrm:Database:Provider"] = DatabaseOptions.Postgres,
        // Topics and spike alerts run once per cluster: in the web host, not in each worker.
        ["SocialCrm:Insights:Enabled"] = "false",
    };

    /// <summary>
    /// A worker shares its stages' queues and store with the other processes of a cluster; on the in-memory bus or a
    /// SQLite file it would share neither, and quietly do nothing useful (or fight the web host for the file).
    /// </summary>
    public static string? Misconfigured(SocialCrmOptions options) =>
        !options.Bus.Transport.Equals(BusOptions.RabbitMq, StringComparison.OrdinalIgnoreCase)
            ? $"a worker takes its stages' messages from RabbitMQ, but SocialCrm:Bus:Transport is '{options.Bus.Transport}': set it to rabbitmq (and SocialCrm:Bus:RabbitMqUri)"
            : options.Database.Provider.Equals(DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase)
                ? "a worker shares the store with the other processes of a cluster, which a SQLite file cannot: set SocialCrm:Database:Provider to postgres or sqlserver (and SocialCrm:Database:ConnectionString)"
                : null;

    public static async Task InitializeSocialCrmWorkerAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SocialCrmInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
    }
}

/// <summary>A setting that makes the worker useless; Program prints it as it is and exits 2.</summary>
public sealed class WorkerMisconfiguredException(string message) : Exception(message);
