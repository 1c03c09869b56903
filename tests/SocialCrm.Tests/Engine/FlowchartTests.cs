using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Workflows.Activities;
using SocialCrm.Workflows.Activities.Builtin;
using SocialCrm.Workflows.Execution;
using SocialCrm.Workflows.Validation;

namespace SocialCrm.Tests.Engine;

public class FlowchartTests
{
    private static readonly ActivityRegistry Registry = new ActivityRegistry().Add<IfActivity>().Add<SetVariableActivity>().Add<EmitActivity>().Add<WaitActivity>();
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddTransient<IfActivity>().AddTransient<SetVariableActivity>().AddTransient<EmitActivity>().AddTransient<WaitActivity>().BuildServiceProvider();

    private static async Task<WorkflowInstanceState> RunAsync(SocialCrm.Workflows.Definitions.WorkflowDefinition definition, Action<WorkflowInstanceState>? seed = null)
    {
        var compiled = new WorkflowCompiler(Registry).Compile(definition, 1);
        var state = new WorkflowInstanceState { DefinitionId = definition.DefinitionId, Version = 1, CorrelationId = "c1" };
        seed?.Invoke(state);
        await new WorkflowRunner().StartAsync(compiled, state, Services, CancellationToken.None);
        return state;
    }

    [TestCase(0.9, "start;yes;end;")]
    [TestCase(0.1, "start;no;end;")]
    public async Task Follows_the_outcome_of_each_activity(double score, string trail)
    {
        var state = await RunAsync(Definitions.Branch("value.score >= 0.5"), s => s.Variables["value"] = new System.Text.Json.Nodes.JsonObject { ["score"] = score });
        Assert.Multiple(() =>
        {
            Assert.That(state.Status, Is.EqualTo(WorkflowStatus.Completed));
            Assert.That(state.Variables["trail"]!.GetValue<string>(), Is.EqualTo(trail));
            Assert.That(state.NewJournalEntries.Select(j => j.ActivityId), Is.EqualTo(trail.TrimEnd(';').Split(';').SelectMany(id => id == "start" ? new[] { "start", "check" } : [id])));
            Assert.That(state.NewJournalEntries.Single(j => j.ActivityId == "check").Outcome, Is.EqualTo(score >= 0.5 ? "True" : "False"));
        });
    }

    [Test]
    public async Task An_unconnected_outcome_ends_the_run()
    {
        var state = await RunAsync(Definitions.Parse("""
            { 'definitionId': 'd', 'start': 'a',
              'activities': [ { 'id': 'a', 'type': 'Emit', 'inputs': { 'outcome': 'Left' } }, { 'id': 'b', 'type': 'Emit' } ],
              'connections': [ { 'source': 'a', 'outcome': 'Right', 'target': 'b' } ] }
            """));
        Assert.That(state.Variables["trail"]!.GetValue<string>(), Is.EqualTo("a;"));
        Assert.That(state.Status, Is.EqualTo(WorkflowStatus.Completed));
    }

    [Test]
    public async Task A_loop_that_never_waits_faults_instead_of_hanging()
    {
        var state = await RunAsync(Definitions.Parse("""
            { 'definitionId': 'loop', 'start': 'a',
              'activities': [ { 'id': 'a', 'type': 'Emit' }, { 'id': 'b', 'type': 'Emit' } ],
              'connections': [ { 'source': 'a', 'outcome': 'Done', 'target': 'b' }, { 'source': 'b', 'outcome': 'Done', 'target': 'a' } ] }
            """));
        Assert.That(state.Status, Is.EqualTo(WorkflowStatus.Faulted));
        Assert.That(state.Fault, Does.Contain("loops"));
    }

    [Test]
    public async Task A_waiting_activity_suspends_with_its_bookmark()
    {
        var state = await RunAsync(Definitions.Waiting("w", "v1"));
        Assert.Multiple(() =>
        {
            Assert.That(state.Status, Is.EqualTo(WorkflowStatus.Suspended));
            Assert.That(state.CurrentActivityId, Is.EqualTo("wait"));
            Assert.That(state.Bookmark, Is.EqualTo(new BookmarkRequest("Approval", "c1")));
        });
    }

    [Test]
    public void Validation_reports_every_error_with_activity_and_path()
    {
        var errors = new WorkflowCompiler(Registry).Validate(Definitions.Parse("""
            { 'definitionId': 'bad', 'start': 'missing',
              'activities': [
                { 'id': 'a', 'type': 'If', 'inputs': { 'condition': 'value.score >=' } },
                { 'id': 'b', 'type': 'Teleport' },
                { 'id': 'c', 'type': 'SetVariable', 'inputs': { 'name': 3, 'colour': 'red' } },
                { 'id': 'a', 'type': 'Emit' } ],
              'connections': [ { 'source': 'a', 'outcome': 'Maybe', 'target': 'zzz' } ] }
            """));
        var text = errors.Select(e => e.ToString()).ToList();
        Assert.That(text, Is.SupersetOf(new[]
        {
            "$.activities[0].inputs.condition (activity 'a'): the expression ends too early at character 15",
            "$.activities[1].type (activity 'b'): unknown activity type 'Teleport'",
            "$.activities[2].inputs.colour (activity 'c'): 'SetVariable' has no input 'colour'",
            "$.activities[2].inputs.name (activity 'c'): must be a string, not number",
            "$.activities[2].inputs.value (activity 'c'): is required (the expression whose value is stored)",
            "$.activities[3].id (activity 'a'): is used by another activity",
            "$.start: the start activity 'missing' does not exist",
            "$.connections[0].outcome (activity 'a'): 'If' has no outcome 'Maybe' (it has True, False)",
            "$.connections[0].target (activity 'zzz'): no activity 'zzz'",
        }));
    }

    [Test]
    public void The_shipped_stage_workflows_are_valid()
    {
        var registry = SocialCrm.Stages.Hosting.SocialCrmServiceCollectionExtensions.StageActivities();
        var folder = Path.Combine(AppContext.BaseDirectory, "workflows");
        var files = Directory.GetFiles(folder, "*.json");
        Assert.That(files.Select(Path.GetFileNameWithoutExtension), Is.EquivalentTo(new[] { "listen", "analyse", "act", "measure" }));
        foreach (var file in files)
            Assert.That(new WorkflowCompiler(registry).Validate(SocialCrm.Workflows.Definitions.WorkflowJson.Parse(File.ReadAllText(file))), Is.Empty, file);
    }
}
