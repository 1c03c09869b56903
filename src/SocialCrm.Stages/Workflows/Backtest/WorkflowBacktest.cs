using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Stages.Settings;
using SocialCrm.Workflows.Definitions;
using SocialCrm.Workflows.Execution;
using SocialCrm.Workflows.Validation;

namespace SocialCrm.Stages.Workflows.Backtest;

/// <summary>
/// Runs a version of the analyse workflow (a draft or any other) against the last N signals the stage analysed and
/// compares its decisions with the ones the deciding version took. Nothing is written and nothing is sent: pure
/// activities (conditions, variables, priority, queue) run for real; every other activity is replayed from what it
/// recorded in the case's journal (its outcome and the variables it set), so models, budgets and history are as they
/// were when the case was decided. Each case runs under the settings it was decided under, with any changes the admin
/// is trying (so a settings change can be backtested too, on the live version).
/// </summary>
public sealed class WorkflowBacktest(CrmDbContext db, WorkflowCompiler compiler, WorkflowRunner runner, WorkflowCatalog catalog, SettingsStore settings,
    IServiceProvider services)
{
    public const int MaxSignals = 50_000;

    public async Task<BacktestResult> RunAsync(string definitionId, int version, int signals, JsonObject? settingsChanges, CancellationToken ct)
    {
        if (definitionId != StageWorkflows.Analyse)
            throw new ArgumentException($"a backtest compares the analyse stage's decisions (engage, ignore or auto-reply, reply kind, queue, priority); the {definitionId} workflow takes none of those");
        if (signals is < 1 or > MaxSignals)
            throw new ArgumentException($"signals must be between 1 and {MaxSignals:N0}, not {signals}");
        var record = await db.WorkflowDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, ct)
            ?? throw new KeyNotFoundException($"workflow '{definitionId}' has no version {version}");
        var clock = Stopwatch.StartNew();
        var candidate = ForReplay(compiler.Compile(WorkflowJson.Parse(record.Json), version));

        var runs = await RecordedRunsAsync(signals, ct);
        var replay = new ReplayActivity();
        var scope = new ReplayServices(services, replay);
        // Settings a case was decided under win over today's, and the changes being tried win over both.
        var today = await settings.VariablesAsync(ct);
        var tried = settingsChanges is null ? null : await settings.TryAsync(settingsChanges, ct);
        catalog.TryGetStartVariables(definitionId, out var startVariables);
        var compared = new List<BacktestCase>();
        var skipped = new List<string>();
        foreach (var run in runs)
        {
            var state = new WorkflowInstanceState { DefinitionId = definitionId, Version = version, CorrelationId = run.SignalId.ToString() };
            foreach (var path in startVariables) Copy(run.Variables, state.Variables, path);
            state.Variables["settings"] = SettingsFor(today, run.Variables["settings"] as JsonObject, tried);
            (replay.Recording, replay.FinalVariables) = (run.Journal, run.Variables);
            try
            {
                await runner.StartAsync(candidate, state, scope, ct);
            }
            catch (ReplayGapException gap)
            {
                skipped.Add($"case {run.Case.CaseId}: {gap.Message}");
                continue;
            }
            if (state.Status != WorkflowStatus.Completed)
            {
                skipped.Add($"case {run.Case.CaseId}: the version {(state.Status == WorkflowStatus.Faulted ? $"faulted ({state.Fault})" : "stopped to wait")}");
                continue;
            }
            compared.Add(run.Case with { After = Decided.From(state.Variables) });
        }

        var changed = compared.Where(c => c.Before != c.After).ToList();
        return new BacktestResult(definitionId, version, runs.Count, compared.Count, changed.Count,
            Counts(compared, d => d.Decision), Counts(compared, d => d.ReplyKind), Counts(compared, d => d.Queue), Counts(compared, d => $"P{d.Priority}"),
            changed, skipped, clock.Elapsed.TotalSeconds, tried);
    }

    private static JsonObject SettingsFor(JsonObject today, JsonObject? recorded, JsonObject? tried)
    {
        var json = (JsonObject)today.DeepClone();
        if (recorded is not null)
            foreach (var (name, value) in recorded) json[name] = value?.DeepClone();
        if (tried is not null)
            foreach (var (name, value) in tried) json[name] = value?.DeepClone();
        return json;
    }

    private sealed record RecordedRun(Guid SignalId, JsonObject Variables, IReadOnlyList<JournalEntry> Journal, BacktestCase Case);

    /// <summary>The last N analysed signals with what was decided, the journal of the run that decided it, and the outcome if measured.</summary>
    private async Task<List<RecordedRun>> RecordedRunsAsync(int take, CancellationToken ct)
    {
        var instances = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.DefinitionId == StageWorkflows.Analyse && i.Status == nameof(WorkflowStatus.Completed))
            .OrderByDescending(i => i.CreatedAt).Take(take)
            .Select(i => new { i.Id, i.CorrelationId, i.Version, i.VariablesJson }).ToListAsync(ct);
        var ids = instances.Select(i => i.Id).ToList();
        var journals = (await db.WorkflowJournal.AsNoTracking().Where(j => ids.Contains(j.InstanceId)).Select(j => new { j.InstanceId, j.Sequence, j.EntriesJson }).ToListAsync(ct))
            .GroupBy(j => j.InstanceId).ToDictionary(g => g.Key, g => g.OrderBy(j => j.Sequence).SelectMany(j => JsonSerializer.Deserialize<List<JournalEntry>>(j.EntriesJson, JsonSerializerOptions.Web) ?? []).ToList());
        var signalIds = instances.Select(i => Guid.TryParse(i.CorrelationId, out var id) ? id : Guid.Empty).ToList();
        var cases = await (from c in db.Cases.AsNoTracking().Where(c => signalIds.Contains(c.SignalId))
                           join b in db.CaseBriefs.AsNoTracking() on c.Id equals b.CaseId
                           join s in db.Signals.AsNoTracking() on c.SignalId equals s.Id
                           select new { c.Id, c.SignalId, c.Decision, c.Queue, c.Priority, b.RecommendedReplyKind, b.ValueScore, b.Intent, b.Sentiment, s.Platform, c.CreatedAt })
            .ToDictionaryAsync(c => c.SignalId, ct);
        var caseIds = cases.Values.Select(c => c.Id).ToList();
        var outcomes = await db.CaseMetrics.AsNoTracking().Where(m => caseIds.Contains(m.CaseId))
            .Select(m => new { m.CaseId, m.Outcome, m.SlaMet, m.SentimentBefore, m.SentimentAfter, m.ConnectionOutcome, m.PurchaseAmount })
            .ToDictionaryAsync(m => m.CaseId, ct);

        var runs = new List<RecordedRun>(instances.Count);
        for (var i = 0; i < instances.Count; i++)
        {
            if (!cases.TryGetValue(signalIds[i], out var c) || !journals.TryGetValue(instances[i].Id, out var journal)) continue;
            var outcome = outcomes.TryGetValue(c.Id, out var m)
                ? new BacktestOutcome(m.Outcome, m.SlaMet, m.SentimentBefore, m.SentimentAfter, m.ConnectionOutcome, m.PurchaseAmount)
                : null;
            var before = new Decided(c.Decision, c.RecommendedReplyKind, c.Queue, c.Priority);
            runs.Add(new RecordedRun(c.SignalId, JsonNode.Parse(instances[i].VariablesJson) as JsonObject ?? [], journal,
                new BacktestCase(c.Id, c.SignalId, c.CreatedAt, c.Platform, c.Intent, c.Sentiment, c.ValueScore, instances[i].Version, before, before, outcome)));
        }
        return runs;
    }

    /// <summary>The same workflow with every activity that is not pure played by the replay activity.</summary>
    private static CompiledWorkflow ForReplay(CompiledWorkflow workflow) => new(workflow.Definition, workflow.Version,
        workflow.Activities.ToDictionary(a => a.Key, a => a.Value.Descriptor.Pure ? a.Value : a.Value with { ImplementationType = typeof(ReplayActivity) }));

    private static void Copy(JsonObject from, JsonObject to, string path)
    {
        var parts = path.Split('.');
        JsonNode? node = from;
        foreach (var part in parts) node = node is JsonObject o && o.TryGetPropertyValue(part, out var child) ? child : null;
        if (node is null) return;
        var target = to;
        foreach (var part in parts[..^1])
        {
            if (target[part] is not JsonObject next) target[part] = next = [];
            target = next;
        }
        target[parts[^1]] = node.DeepClone();
    }

    private static Dictionary<string, BacktestCount> Counts(List<BacktestCase> cases, Func<Decided, string> of) =>
        cases.Select(c => of(c.Before)).Concat(cases.Select(c => of(c.After))).Distinct().Order(StringComparer.Ordinal)
            .ToDictionary(value => value, value => new BacktestCount(cases.Count(c => of(c.Before) == value), cases.Count(c => of(c.After) == value)));

    /// <summary>Hands the runner the replay activity for the types it stands in for, and everything else from the host.</summary>
    private sealed class ReplayServices(IServiceProvider inner, ReplayActivity replay) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(ReplayActivity) ? replay : inner.GetService(serviceType);
    }
}
