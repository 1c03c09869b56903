using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Workflows;
using SocialCrm.Stages.Settings;
using SocialCrm.Tests.Infrastructure;
using SocialCrm.Workflows.Activities;
using SocialCrm.Workflows.Activities.Builtin;
using SocialCrm.Workflows.Execution;
using SocialCrm.Workflows.Validation;

namespace SocialCrm.Tests.Engine;

/// <summary>Bookmarks and versions through the real host and store (SQLite).</summary>
public class WorkflowVersionTests
{
    private TestStore _store = null!;
    private ServiceProvider _services = null!;

    [SetUp]
    public async Task SetUp()
    {
        _store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        _services = Build(TimeProvider.System);
        await InScope(sp => sp.GetRequiredService<DatabaseMigrator>().MigrateAsync());
    }

    /// <summary>One process's services on the test's store.</summary>
    private ServiceProvider Build(TimeProvider clock)
    {
        var registry = new ActivityRegistry().Add<IfActivity>().Add<SetVariableActivity>().Add<EmitActivity>().Add<WaitActivity>();
        var services = new ServiceCollection().AddCrmPersistence(_store.Options)
            .AddSingleton(registry).AddSingleton<WorkflowCompiler>().AddSingleton<WorkflowRunner>().AddSingleton(new WorkflowSettings())
            .AddSingleton(clock).AddSingleton<PublishedVersions>().AddScoped<WorkflowHost>().AddScoped<WorkflowDefinitionStore>().AddScoped<SocialCrm.Stages.Workplace.AuditLog>()
            .AddCrmSettings().AddSingleton<FluentValidation.IValidator<SocialCrm.Stages.Settings.CrmSettings>, SocialCrm.Stages.Settings.CrmSettingsValidator>();
        foreach (var type in registry.Types) services.AddScoped(type);
        return services.BuildServiceProvider();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _services.DisposeAsync();
        await _store.DisposeAsync();
    }

    private async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    private Task<int> PublishAsync(string tag) => InScope(async sp =>
    {
        var store = sp.GetRequiredService<WorkflowDefinitionStore>();
        var (draft, errors) = await store.SaveDraftAsync(Definitions.Waiting("approval", tag), "test", CancellationToken.None);
        Assert.That(errors, Is.Empty);
        return (await store.PublishAsync("approval", draft.Version, "test", null, CancellationToken.None)).Version;
    });

    private Task<WorkflowInstanceState> StartAsync(string correlationId) => StartAsync(_services, correlationId);

    private static async Task<WorkflowInstanceState> StartAsync(IServiceProvider process, string correlationId)
    {
        await using var scope = process.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var state = await sp.GetRequiredService<WorkflowHost>().StartAsync("approval", correlationId, [], CancellationToken.None);
        await sp.GetRequiredService<CrmDbContext>().SaveChangesAsync();
        return state;
    }

    private Task<WorkflowInstanceState?> ResumeAsync(string correlationId, string value) => InScope(async sp =>
    {
        var state = await sp.GetRequiredService<WorkflowHost>().ResumeAsync("Approval", correlationId, new JsonObject { ["value"] = value }, CancellationToken.None);
        await sp.GetRequiredService<CrmDbContext>().SaveChangesAsync();
        return state;
    });

    [Test]
    public async Task A_bookmark_is_resumed_by_its_correlation_id_and_not_by_another()
    {
        await PublishAsync("v1");
        var started = await StartAsync("case-1");
        Assert.That(started.Status, Is.EqualTo(WorkflowStatus.Suspended));

        Assert.That(await ResumeAsync("case-2", "wrong"), Is.Null, "a message for another case must not resume this one");
        var stillWaiting = await InScope(sp => sp.GetRequiredService<CrmDbContext>().WorkflowInstances.SingleAsync(i => i.Id == started.InstanceId));
        Assert.That(stillWaiting.Status, Is.EqualTo("Suspended"));

        var resumed = await ResumeAsync("case-1", "approved");
        Assert.Multiple(() =>
        {
            Assert.That(resumed!.Status, Is.EqualTo(WorkflowStatus.Completed));
            Assert.That(resumed.Variables["received"]!.GetValue<string>(), Is.EqualTo("approved"));
        });
        Assert.That(await ResumeAsync("case-1", "again"), Is.Null, "a bookmark is used up by its resume");
        var runs = await InScope(sp => sp.GetRequiredService<CrmDbContext>().WorkflowJournal.Where(j => j.InstanceId == started.InstanceId)
            .OrderBy(j => j.Sequence).ToListAsync());
        Assert.That(runs.Select(r => WorkflowHost.EntriesOf(r).Select(e => $"{e.ActivityId}:{e.Outcome}")),
            Is.EqualTo(new[] { new[] { "before:Done", "wait:Suspended" }, new[] { "wait:Done", "after:Done" } }), "one journal row per run");
    }

    [Test]
    public async Task A_running_instance_stays_on_the_version_it_started_with()
    {
        Assert.That(await PublishAsync("v1"), Is.EqualTo(1));
        var old = await StartAsync("case-old");
        Assert.That(await PublishAsync("v2"), Is.EqualTo(2));
        var fresh = await StartAsync("case-new");

        var oldDone = await ResumeAsync("case-old", "x");
        var freshDone = await ResumeAsync("case-new", "x");
        Assert.Multiple(() =>
        {
            Assert.That(old.Version, Is.EqualTo(1));
            Assert.That(oldDone!.Variables["finishedOn"]!.GetValue<string>(), Is.EqualTo("v1"));
            Assert.That(fresh.Version, Is.EqualTo(2));
            Assert.That(freshDone!.Variables["finishedOn"]!.GetValue<string>(), Is.EqualTo("v2"));
        });
    }

    [Test]
    public async Task A_version_published_by_another_process_is_what_runs_start_on_within_the_live_window()
    {
        var clock = new SteppingClock();
        await using var worker = Build(clock);
        await PublishAsync("v1");
        Assert.That((await StartAsync(worker, "case-1")).Version, Is.EqualTo(1));

        await PublishAsync("v2");
        clock.Advance(LiveSettings.MaxAge);
        Assert.That((await StartAsync(worker, "case-2")).Version, Is.EqualTo(2), "the worker reads the live versions again once they are older than the window");
    }

    private sealed class SteppingClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => _now;
        public void Advance(TimeSpan by) => _now += by;
    }

    [Test]
    public async Task Importing_the_shipped_workflows_never_overwrites_what_an_admin_published()
    {
        var folder = Path.Combine(Path.GetTempPath(), "socialcrm-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "approval.json"), SocialCrm.Workflows.Definitions.WorkflowJson.Write(Definitions.Waiting("approval", "shipped")));
        Task<IReadOnlyList<string>> ImportAsync() => InScope(sp => sp.GetRequiredService<WorkflowDefinitionStore>().ImportFolderAsync(folder, CancellationToken.None));

        Assert.That(await ImportAsync(), Is.EqualTo(new[] { "approval" }), "absent: imported as version 1");
        Assert.That(await PublishAsync("admin"), Is.EqualTo(2));
        Assert.That(await ImportAsync(), Is.Empty, "present: left alone at the next start");

        var published = await InScope(sp => sp.GetRequiredService<CrmDbContext>().WorkflowDefinitions.SingleAsync(d => d.DefinitionId == "approval" && d.IsPublished));
        Assert.That(published.Version, Is.EqualTo(2));
        Assert.That(published.Json, Does.Contain("'admin'"));
    }

    [Test]
    public async Task An_invalid_draft_is_saved_but_never_published()
    {
        await PublishAsync("v1");
        var (draft, errors) = await InScope(sp => sp.GetRequiredService<WorkflowDefinitionStore>()
            .SaveDraftAsync(Definitions.Parse("{ 'definitionId': 'approval', 'start': 'x', 'activities': [ { 'id': 'x', 'type': 'Nope' } ] }"), "test", CancellationToken.None));
        Assert.That(errors.Select(e => e.Path), Does.Contain("$.activities[0].type"));
        var e = await Assert.ThrowsAsync<WorkflowValidationException>(() =>
            InScope(sp => sp.GetRequiredService<WorkflowDefinitionStore>().PublishAsync("approval", draft.Version, "test", null, CancellationToken.None)));
        Assert.That(e!.Errors, Is.Not.Empty);
        var published = await InScope(sp => sp.GetRequiredService<CrmDbContext>().WorkflowDefinitions.Where(d => d.DefinitionId == "approval" && d.IsPublished).Select(d => d.Version).ToListAsync());
        Assert.That(published, Is.EqualTo(new[] { 1 }));
    }
}
