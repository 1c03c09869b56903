using System.CommandLine;
using SocialCrm.Cli.Commands;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Hosting;
using Spectre.Console;

namespace SocialCrm.Cli.Bench;

/// <summary>
/// bench: N signals through ingestion and all four stages on a fresh store, against the bare transport's
/// messages per second. The goal (issue 20): signals/s x 4 hops is at least 10 % of the bare transport's messages/s in
/// memory, where the bare hop is far faster, and 25 % on RabbitMQ.
/// </summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var signals = new Option<int>("--signals") { Description = "signals to drive through the stages", DefaultValueFactory = _ => 2000 };
        var bare = new Option<int>("--bare-messages") { Description = "messages for the bare-transport hop (default: 10 x signals)" };
        var scoring = new Option<bool>("--scoring") { Description = "measure scoring per signal and model training instead of the pipeline" };
        var webhooks = new Option<int>("--webhooks") { Description = "instead: this many signed Meta webhook POSTs to the web host, for POSTs per second" };
        var concurrency = new Option<int>("--concurrency") { Description = "concurrent webhook clients", DefaultValueFactory = _ => 16 };
        var backtest = new Option<int>("--backtest") { Description = "instead: decide this many signals, then time a backtest of a draft analyse workflow against all of them" };
        var topics = new Option<int>("--topics") { Description = "instead: time topic discovery over this many simulated posts, and measure the simulated week's waves and alerts" };
        var search = new Option<int>("--search") { Description = "instead: fill a fresh store with this many posts (a customer for every ten) and time every kind of search query over it" };
        var soak = new Option<int>("--soak") { Description = "instead: drive this many signals through in slices, reading memory, store size and row counts after each" };
        var retention = new Option<double>("--retention-minutes") { Description = "with --soak: the outbox and inbox retention", DefaultValueFactory = _ => 2 };
        var workers = new Option<string?>("--workers")
        {
            Description = "instead: worker processes beside an intake with no stages, comma-separated counts (1,2,4), each running all four stages on RabbitMQ and PostgreSQL; signals/s for each",
        };
        var rabbitNodes = new Option<string?>("--rabbitmq-nodes") { Description = "with --workers: the RabbitMQ cluster's nodes, host:port comma-separated (deploy/cluster.sh: 127.0.0.1:5681,127.0.0.1:5682,127.0.0.1:5683)" };
        var queueType = new Option<string>("--queue-type") { Description = "with --workers: classic or quorum", DefaultValueFactory = _ => BusOptions.Classic };
        var command = new Command("bench", "Measure end-to-end throughput and latency against the bare transport.")
        {
            signals, bare, scoring, webhooks, concurrency, backtest, topics, search, soak, retention, workers, rabbitNodes, queueType,
        };
        command.SetAction(async (result, ct) =>
        {
            if (result.GetValue(scoring))
            {
                var s = ScoringBench.Run();
                foreach (var (step, us) in s.TrainedSteps) Console.WriteLine($"  {step,-60} {us,6:0.0} µs");
                Console.WriteLine($"bench: scoring_us_per_signal_baselines={s.BaselineMicroseconds:0.0} scoring_us_per_signal_trained={s.TrainedMicroseconds:0.0} " +
                                  $"scoring_us_per_signal_trained_lightgbm={s.TreeMicroseconds:0.0} " +
                                  $"lr_training_rows={s.TrainingRows} lr_training_s={s.TrainingSeconds:0.00} trainer=\"{s.Trainer}\"");
                return 0;
            }
            if (result.GetValue(topics) is > 0 and var topicPosts)
            {
                var t = TopicBench.Run(topicPosts);
                foreach (var w in t.Week.Waves)
                    Console.WriteLine($"  {w.Wave,-55} posts {w.Posts,4}  in '{w.Topic}': recall {w.Recall:0.00} precision {w.Precision:0.00}  alert after {(w.AlertDelay is { } delay ? $"{delay.TotalMinutes:0} min" : "none")}");
                foreach (var a in t.Week.Alerts) Console.WriteLine($"  alert {a.At:ddd HH:mm} {a.Kind} '{a.Topic}' ({a.Wave ?? "no wave: a false alarm"}): {a.Reason}");
                Console.WriteLine($"bench: topics_posts={t.Posts} topics_found={t.Topics} topics_cold_s={t.ColdSeconds:0.00} topics_warm_s={t.WarmSeconds:0.00} " +
                                  $"week_posts={t.Week.Posts} week_ari={t.Week.AdjustedRandIndex:0.000} week_purity={t.Week.Purity:0.000} " +
                                  $"week_alerts={t.Week.Alerts.Count} week_false_alarms={t.Week.FalseAlarms} week_checked_hours={t.Week.Checked.TotalHours:0}");
                return 0;
            }
            var options = GlobalOptions.Read(result);
            options.Insights.Enabled = false;   // the bench measures the stages; topic recomputation is `bench --topics`
            if (result.GetValue(webhooks) is > 0 and var posts)
            {
                await using var hookStore = await FreshStore.CreateAsync(options.Database, result.GetValue(GlobalOptions.Connection) is null);
                var clients = Math.Max(1, result.GetValue(concurrency));
                AnsiConsole.MarkupLine($"[bold]SocialCrm bench[/]: {posts} signed Meta webhook POSTs, {clients} clients, {hookStore.Options.Provider}, {Environment.ProcessorCount} cores");
                var w = await WebhookBench.RunAsync(hookStore.Options, posts, clients, ct);
                Console.WriteLine($"bench: webhooks={w.Posts} store={hookStore.Options.Provider} concurrency={w.Concurrency} seconds={w.Seconds:0.00} posts_per_s={w.PostsPerSecond:0} " +
                                  $"p50_ms={w.Latency.P50Ms:0.0} p95_ms={w.Latency.P95Ms:0.0} p99_ms={w.Latency.P99Ms:0.0} ok={w.Ok} failed={w.Failed}");
                return w.Failed == 0 ? 0 : 1;
            }
            if (result.GetValue(search) is > 0 and var searched)
            {
                await using var searchStore = await FreshStore.CreateAsync(options.Database, result.GetValue(GlobalOptions.Connection) is null);
                AnsiConsole.MarkupLine($"[bold]SocialCrm bench[/]: search over {searched:N0} posts, {searchStore.Options.Provider}, {Environment.ProcessorCount} cores");
                var r = await SearchBench.RunAsync(searchStore.Options, searched, (step, n) => Console.Error.WriteLine($"  {step}: {n:N0}"), ct);
                foreach (var k in r.Kinds) Console.WriteLine($"  {k.Name,-30} p50 {k.P50Ms,7:0.0} ms  p95 {k.P95Ms,7:0.0} ms  max {k.MaxMs,7:0.0} ms  hits {k.MeanHits,4:0.0}");
                Console.WriteLine($"  plan: {r.Plan}");
                Console.WriteLine($"bench: search_posts={r.Signals} customers={r.Customers} store={searchStore.Options.Provider} fill_s={r.FillSeconds:0} " +
                                  string.Join(" ", r.Kinds.Select((k, i) => $"q{i + 1}_p50_ms={k.P50Ms:0.0} q{i + 1}_p95_ms={k.P95Ms:0.0}")) +
                                  $" worst_p95_ms={r.Kinds.Max(k => k.P95Ms):0.0}");
                return 0;
            }
            if (result.GetValue(backtest) is > 0 and var decided)
            {
                options.Bus.QueuePrefix = $"bench-{Guid.NewGuid():N}"[..14] + "-";
                options.Bus.TemporaryQueues = true;
                await using var backtestStore = await FreshStore.CreateAsync(options.Database, result.GetValue(GlobalOptions.Connection) is null);
                options.Database = backtestStore.Options;
                AnsiConsole.MarkupLine($"[bold]SocialCrm bench[/]: backtest of {decided} decided signals, {options.Bus.Transport} + {options.Database.Provider}, {Environment.ProcessorCount} cores");
                BacktestBenchResult run = null!;
                await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async progress =>
                    {
                        var ingest = progress.AddTask("decided", maxValue: decided);
                        run = await BacktestBench.RunAsync(options, decided, (_, m) => ingest.Value = m, ct);
                    });
                Console.WriteLine($"bench: backtest_signals={run.Compared} store={options.Database.Provider} changed={run.Changed} seconds={run.Seconds:0.00} " +
                                  $"signals_per_s={run.Compared / run.Seconds:0} fill_seconds={run.FillSeconds:0}");
                return run.Compared == decided ? 0 : 1;
            }
            if (result.GetValue(workers) is { } counts)
            {
                var ns = counts.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(c => int.TryParse(c, out var n) ? n : 0).ToList();
                var type = result.GetValue(queueType)!.ToLowerInvariant();
                if (ns.Count == 0 || ns.Any(n => n is < 1 or > 16) || !options.Bus.Transport.Equals(BusOptions.RabbitMq, StringComparison.OrdinalIgnoreCase)
                    || options.Database.Provider.Equals(DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase) || type is not (BusOptions.Classic or BusOptions.Quorum))
                {
                    Console.Error.WriteLine("socialcrm bench --workers: give worker counts from 1 to 16, comma-separated (--workers 1,2,4), with --transport rabbitmq, --database postgres and --queue-type classic or quorum");
                    return 2;
                }
                options.Bus.RabbitMqNodes = result.GetValue(rabbitNodes) ?? "";
                options.Bus.QueueType = type;
                var perRun = result.GetValue(signals);
                AnsiConsole.MarkupLine($"[bold]SocialCrm bench[/]: {perRun} signals per run, workers {string.Join(", ", ns)}, {options.Bus.QueueType} queues on {(options.Bus.RabbitMqNodes.Length > 0 ? options.Bus.RabbitMqNodes : options.Bus.RabbitMqUri)}, {options.Database.Provider}, {Environment.ProcessorCount} cores");
                var runs = new List<ClusterBenchResult>();
                foreach (var n in ns)
                {
                    var run = await ClusterBench.RunAsync(options, n, perRun, Path.Combine(Path.GetTempPath(), "socialcrm-bench"), ct);
                    Console.WriteLine($"bench: workers={run.Workers} queue_type={options.Bus.QueueType} signals={run.Signals} seconds={run.Seconds:0.00} signals_per_s={run.SignalsPerSecond:0.0} " +
                                      $"speedup={run.SignalsPerSecond / (runs.FirstOrDefault() ?? run).SignalsPerSecond:0.00} worker_cpu_ms_per_signal={run.CpuSecondsPerSignalWorkers * 1000:0.00} worker_memory_mb_max={run.WorkerMemoryMb}");
                    runs.Add(run);
                }
                return 0;
            }
            if (result.GetValue(soak) is > 0 and var soaked)
            {
                options.Bus.QueuePrefix = $"bench-{Guid.NewGuid():N}"[..14] + "-";
                options.Bus.TemporaryQueues = true;
                await using var soakStore = await FreshStore.CreateAsync(options.Database, result.GetValue(GlobalOptions.Connection) is null);
                options.Database = soakStore.Options;
                AnsiConsole.MarkupLine($"[bold]SocialCrm bench[/]: soak of {soaked} signals, {options.Bus.Transport} + {options.Database.Provider}, retention {result.GetValue(retention)} min, {Environment.ProcessorCount} cores");
                Console.WriteLine("seconds signals working_set_mb gc_heap_mb store_mb store_bytes_per_signal outbox inbox journal instances");
                var samples = await SoakBench.RunAsync(options, soaked, result.GetValue(retention), s =>
                    Console.WriteLine($"{s.Seconds,7:0} {s.Signals,7} {s.WorkingSetMb,14} {s.GcHeapMb,10} {s.StoreMb,8:0.0} {s.StoreBytesPerSignal,22:0} {s.Outbox,6} {s.Inbox,5} {s.Journal,7} {s.Instances,9}"), ct);
                var (first, warm, last) = (samples[0], samples[Math.Min(samples.Count - 1, samples.Count / 4)], samples[^1]);
                Console.WriteLine($"bench: soak_signals={last.Signals} store={options.Database.Provider} seconds={last.Seconds:0} signals_per_s={last.Signals / last.Seconds:0.0} " +
                                  $"working_set_mb={first.WorkingSetMb}/{warm.WorkingSetMb}/{last.WorkingSetMb} gc_heap_mb={first.GcHeapMb}/{warm.GcHeapMb}/{last.GcHeapMb} " +
                                  $"store_bytes_per_signal={first.StoreBytesPerSignal:0}/{warm.StoreBytesPerSignal:0}/{last.StoreBytesPerSignal:0} outbox_rows_end={last.Outbox} inbox_rows_end={last.Inbox}");
                return 0;
            }
            var count = result.GetValue(signals);
            options.Bus.QueuePrefix = $"bench-{Guid.NewGuid():N}"[..14] + "-";
            options.Bus.TemporaryQueues = true;
            await using var store = await FreshStore.CreateAsync(options.Database, result.GetValue(GlobalOptions.Connection) is null);
            options.Database = store.Options;

            AnsiConsole.MarkupLine($"[bold]SocialCrm bench[/]: {count} signals, {options.Bus.Transport} + {options.Database.Provider}, {Environment.ProcessorCount} cores");
            PipelineResult pipeline = null!;
            await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress =>
                {
                    var ingest = progress.AddTask("ingested", maxValue: count);
                    var measured = progress.AddTask("measured", maxValue: count);
                    pipeline = await PipelineBench.RunAsync(options, count, warmUp: Math.Min(100, count), (i, m) => { ingest.Value = i; measured.Value = m; }, ct);
                });
            var bareMessages = result.GetValue(bare) is > 0 and var b ? b : count * 10;
            var bareRate = await BareTransportBench.MessagesPerSecondAsync(options.Bus, bareMessages, ct);

            var ratio = pipeline.SignalsPerSecond * 4 / bareRate;
            var steps = new Table().AddColumns("step (burst)", "count", "mean", "ms per signal");
            foreach (var (step, n, mean, perSignal) in pipeline.Steps)
                steps.AddRow(step, $"{n}",
                    step.Contains("size") ? $"{mean:0.0} items" : step.StartsWith("store.", StringComparison.Ordinal) ? "" : $"{mean:0.000} ms",
                    step.Contains("size") || step.Contains("failures") ? "" : step.StartsWith("store.", StringComparison.Ordinal) ? $"{perSignal:0.0} commands" : $"{perSignal:0.000}");
            steps.AddRow("CPU time of the process", "", "", $"{pipeline.CpuMsPerSignal:0.000}");
            steps.AddRow("GC pauses", "", "", $"{pipeline.GcPauseMsPerSignal:0.000}");
            steps.AddRow("allocated", "", "", $"{pipeline.AllocatedKbPerSignal:0} KB");
            AnsiConsole.Write(steps);
            var table = new Table().AddColumns("measure", "value");
            table.AddRow("signals end to end", $"{pipeline.Signals} in {pipeline.Seconds:0.00} s");
            table.AddRow("signals/s end to end", $"{pipeline.SignalsPerSecond:0.0}");
            table.AddRow("ingest → brief p50 / p95 / p99, burst", $"{pipeline.Burst.P50Ms:0.0} / {pipeline.Burst.P95Ms:0.0} / {pipeline.Burst.P99Ms:0.0} ms");
            table.AddRow($"ingest → brief p50 / p95 / p99, at {pipeline.PacedRate:0} signals/s", $"{pipeline.Paced.P50Ms:0.0} / {pipeline.Paced.P95Ms:0.0} / {pipeline.Paced.P99Ms:0.0} ms");
            table.AddRow("measured cases / counted in aggregates", $"{pipeline.Measured} / {pipeline.Aggregated}{(pipeline.Measured == pipeline.Aggregated ? "" : " [red]MISMATCH[/]")}");
            table.AddRow("bare transport msgs/s (1 hop)", $"{bareRate:0}");
            var goal = options.Bus.Transport == BusOptions.InMemory ? 0.10 : 0.25;
            table.AddRow("signals/s x 4 hops / bare msgs/s", $"{ratio:P1} ({(ratio >= goal ? "[green]meets[/]" : "[red]misses[/]")} the {goal:P0} goal)");
            AnsiConsole.Write(table);
            Console.WriteLine($"bench: transport={options.Bus.Transport} store={options.Database.Provider} signals={pipeline.Signals} signals_per_s={pipeline.SignalsPerSecond:0.0} " +
                              $"burst_p50_ms={pipeline.Burst.P50Ms:0.0} burst_p99_ms={pipeline.Burst.P99Ms:0.0} paced_rate={pipeline.PacedRate:0.0} " +
                              $"paced_p50_ms={pipeline.Paced.P50Ms:0.0} paced_p95_ms={pipeline.Paced.P95Ms:0.0} paced_p99_ms={pipeline.Paced.P99Ms:0.0} " +
                              $"bare_msgs_per_s={bareRate:0} ratio={ratio:0.000}");
            return 0;
        });
        return command;
    }
}
