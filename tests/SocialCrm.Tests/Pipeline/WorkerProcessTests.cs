using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Cli.Faults;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Hosting;
using SocialCrm.Tests.Infrastructure;
using SocialCrm.Worker.Hosting;

namespace SocialCrm.Tests.Pipeline;

/// <summary>
/// A worker is a process of its own that runs some stages on the shared RabbitMQ and PostgreSQL, with the probes an
/// orchestrator reads; the process that takes the signal in runs none of them.
/// </summary>
public class WorkerProcessTests
{
    [Test]
    public async Task Workers_with_the_stages_do_the_work_of_an_intake_process_that_runs_none_and_answer_the_probes()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Postgres);
        var options = PipelineHost.Options(store.Options, BusOptions.RabbitMq, s => { s.AutoAgent = true; s.OutcomeWindowSeconds = 1; });
        options.Stages = "";
        var settings = new Dictionary<string, string>
        {
            ["SocialCrm:Database:Provider"] = store.Options.Provider,
            ["SocialCrm:Database:ConnectionString"] = store.Options.ConnectionString,
            ["SocialCrm:Bus:Transport"] = BusOptions.RabbitMq,
            ["SocialCrm:Bus:RabbitMqUri"] = options.Bus.RabbitMqUri,
            ["SocialCrm:Bus:QueuePrefix"] = options.Bus.QueuePrefix!,
            ["SocialCrm:Bus:TemporaryQueues"] = "true", // no kill here: the queues may go with the test's workers
            ["SocialCrm:Workflow:AutoAgent"] = "true",
            ["SocialCrm:Workflow:OutcomeWindowSeconds"] = "1",
        };
        var logs = Path.Combine(Path.GetTempPath(), $"socialcrm-worker-{Guid.NewGuid():N}");
        Directory.CreateDirectory(logs);
        await using var listenAnalyse = new HostProcess(new Dictionary<string, string>(settings) { ["SocialCrm:Stages"] = "listen,analyse" }, Path.Combine(logs, "a.log"), HostProcess.Worker);
        await using var actMeasure = new HostProcess(new Dictionary<string, string>(settings) { ["SocialCrm:Stages"] = "act,measure" }, Path.Combine(logs, "b.log"), HostProcess.Worker);
        await Task.WhenAll(listenAnalyse.StartAsync(CancellationToken.None), actMeasure.StartAsync(CancellationToken.None));
        await using var intake = await PipelineHost.CreateAsync(options);

        var accepted = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => intake.IngestAsync(Signals.Complaint(handle: $"worker{i}"))));
        var ids = accepted.Select(a => a.SignalId).ToList();
        await intake.EventuallyAsync("the workers take every signal through to measure", async db =>
            await db.Cases.CountAsync(c => ids.Contains(c.SignalId) && c.Status == CaseStatus.Measured) == ids.Count, seconds: 90);

        // Each worker reports itself, with its stages, for the operations page's list of processes.
        await intake.EventuallyAsync("both workers listed with their stages", async db =>
            (await db.ProcessHeartbeats.Where(p => p.Host == HostProcess.Worker && p.StoppedAt == null).Select(p => p.Stages).ToListAsync())
                .Order().SequenceEqual(["act,measure", "listen,analyse"]), seconds: 30);

        using var http = new HttpClient { BaseAddress = listenAnalyse.Address };
        using var alive = await http.GetAsync("/alive");
        using var health = await http.GetAsync("/health");
        using var console = await http.GetAsync("/api/cases");
        Assert.Multiple(async () =>
        {
            Assert.That(alive.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await health.Content.ReadAsStringAsync(), Does.Contain("store").And.Contain("masstransit"));
            Assert.That(console.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a worker serves no API");
            Assert.That(await intake.QueryAsync(db => db.Cases.CountAsync()), Is.EqualTo(ids.Count), "one case per signal");
        });
    }

    [Test]
    public async Task Migrate_prepares_an_empty_store_for_a_rollout_and_exits_without_taking_work()
    {
        // What the deployment's migrations Job runs (deploy/kubernetes/migrate-job.yaml) before the new version rolls out.
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Postgres);
        var start = HostProcess.HostCommand(HostProcess.Worker);
        start.ArgumentList.Add("migrate");
        start.Environment["SocialCrm__Database__Provider"] = store.Options.Provider;
        start.Environment["SocialCrm__Database__ConnectionString"] = store.Options.ConnectionString;
        start.Environment["SocialCrm__Bus__Transport"] = BusOptions.RabbitMq;
        start.Environment["SocialCrm__Bus__RabbitMqUri"] = "amqp://guest:guest@127.0.0.1:1/"; // nothing listens: migrate must not need the broker
        start.RedirectStandardOutput = start.RedirectStandardError = true;
        start.WorkingDirectory = AppContext.BaseDirectory;
        using var process = System.Diagnostics.Process.Start(start)!;
        var (stdout, stderr) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, await stdout + await stderr);

        await using var services = new ServiceCollection().AddCrmPersistence(store.Options).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SocialCrm.Persistence.CrmDbContext>();
        Assert.Multiple(async () =>
        {
            Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty, "every migration applied");
            Assert.That(await db.WorkflowDefinitions.Select(w => w.DefinitionId).Distinct().CountAsync(), Is.EqualTo(4), "the stage workflows imported");
            Assert.That(await db.ReplyTemplates.CountAsync(), Is.GreaterThan(0), "the reply templates seeded");
            Assert.That(await stdout, Does.Contain("migrated"));
        });
    }

    [Test]
    public void A_worker_on_the_embedded_bus_or_a_SQLite_file_says_what_to_set()
    {
        var inMemory = new SocialCrmOptions { Bus = new BusOptions { Transport = BusOptions.InMemory }, Database = new DatabaseOptions { Provider = DatabaseOptions.Postgres } };
        var sqlite = new SocialCrmOptions { Bus = new BusOptions { Transport = BusOptions.RabbitMq }, Database = new DatabaseOptions { Provider = DatabaseOptions.Sqlite } };
        var cluster = new SocialCrmOptions { Bus = new BusOptions { Transport = BusOptions.RabbitMq }, Database = new DatabaseOptions { Provider = DatabaseOptions.Postgres } };
        Assert.Multiple(() =>
        {
            Assert.That(WorkerHostExtensions.Misconfigured(inMemory), Does.Contain("SocialCrm:Bus:Transport").And.Contain("rabbitmq"));
            Assert.That(WorkerHostExtensions.Misconfigured(sqlite), Does.Contain("SocialCrm:Database:Provider").And.Contain("postgres"));
            Assert.That(WorkerHostExtensions.Misconfigured(cluster), Is.Null);
        });
    }
}
