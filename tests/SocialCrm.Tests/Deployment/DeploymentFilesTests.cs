using System.Reflection;
using System.Text.RegularExpressions;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Workflows;
using SocialCrm.Tests.Infrastructure;
using SocialCrm.Worker.Hosting;
using YamlDotNet.RepresentationModel;

namespace SocialCrm.Tests.Deployment;

/// <summary>
/// The Kubernetes manifests and systemd units an operator deploys from: every setting they name is one SocialCrm
/// reads (a typo is a setting silently ignored), every command is one the hosts take, every process is probed on
/// /alive and /health, the workers run every stage and the web host none, the selectors and scale targets point at
/// what exists, the autoscaler stays inside the store's connection budget, and no secret is written in them. No
/// cluster scheduler runs on these machines: this is what keeps the files honest without one.
/// </summary>
public partial class DeploymentFilesTests
{
    private static readonly string Deploy = Path.Combine(Checkout.Root, "deploy");
    private static IEnumerable<string> Manifests => Directory.EnumerateFiles(Path.Combine(Deploy, "kubernetes"), "*.yaml");
    private static IEnumerable<string> Files => Manifests.Concat(Directory.EnumerateFiles(Path.Combine(Deploy, "systemd")));

    // Read outside SocialCrmOptions, by the telemetry.
    private static readonly string[] OtherSettings = ["Telemetry:Prometheus"];

    private static List<YamlMappingNode> Documents(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(file))) stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static List<YamlMappingNode> AllDocuments => Manifests.SelectMany(Documents).ToList();

    private static IEnumerable<YamlMappingNode> OfKind(string kind) => AllDocuments.Where(d => Text(d, "kind") == kind);

    [Test]
    public void Every_manifest_parses_into_the_objects_a_rollout_needs()
    {
        var kinds = AllDocuments.Select(d => Text(d, "kind")).ToList();
        Assert.That(kinds, Is.SupersetOf(new[] { "ConfigMap", "Deployment", "Service", "Job", "PodDisruptionBudget", "NetworkPolicy", "ScaledObject", "TriggerAuthentication" }));
        Assert.That(AllDocuments.Select(d => Text(d, "metadata", "namespace")), Is.All.EqualTo("socialcrm"));
    }

    [Test]
    public void Every_setting_named_is_one_SocialCrm_reads()
    {
        var keys = Files.SelectMany(f => SettingKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value.Replace("__", ":")))).ToList();
        Assert.That(keys, Has.Count.GreaterThan(10));
        var unknown = keys.Where(k => !OtherSettings.Contains(k.Key) && !Binds(typeof(SocialCrmOptions), k.Key.Split(':'))).ToList();
        Assert.That(unknown, Is.Empty, "settings no property of SocialCrmOptions takes");
    }

    [Test]
    public void Every_process_is_probed_and_sized_the_workers_cover_the_stages_and_the_web_host_runs_none()
    {
        var deployments = OfKind("Deployment").ToList();
        Assert.That(deployments, Has.Count.EqualTo(3));
        foreach (var deployment in deployments)
        {
            var name = Text(deployment, "metadata", "name");
            var container = Containers(deployment).Single();
            Assert.That(Text(container, "livenessProbe", "httpGet", "path"), Is.EqualTo("/alive"), name);
            Assert.That(Text(container, "readinessProbe", "httpGet", "path"), Is.EqualTo("/health"), name);
            Assert.That(Text(container, "resources", "requests", "cpu"), Is.Not.Null, name);
            Assert.That(Text(container, "resources", "requests", "memory"), Is.Not.Null, name);
        }
        var stages = deployments.ToDictionary(d => Text(d, "metadata", "name")!, d => Env(Containers(d).Single())["SocialCrm__Stages"]!);
        Assert.That(stages["socialcrm-web"], Is.Empty, "the web host leaves the stages to the workers");
        Assert.That(stages.Values.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries)), Is.EquivalentTo(StageWorkflows.All), "each stage run by one worker group");
        Assert.That(File.ReadAllText(Path.Combine(Deploy, "systemd", "socialcrm-web.service")), Does.Contain("Environment=SocialCrm__Stages=\n"));
    }

    [Test]
    public void The_migrations_job_runs_the_workers_migrate_command_on_the_same_settings()
    {
        var job = OfKind("Job").Single();
        var container = ((YamlSequenceNode)Node(job, "spec", "template", "spec", "containers")!).Cast<YamlMappingNode>().Single();
        var worker = Containers(OfKind("Deployment").First(d => Text(d, "metadata", "name")!.Contains("worker"))).Single();
        Assert.Multiple(() =>
        {
            Assert.That(((YamlSequenceNode)Node(container, "args")!).Select(a => a.ToString()), Is.EqualTo(new[] { WorkerHostExtensions.MigrateCommand }));
            Assert.That(Text(container, "image"), Is.EqualTo(Text(worker, "image")), "the worker's image");
            Assert.That(Node(container, "envFrom")!.ToString(), Is.EqualTo(Node(worker, "envFrom")!.ToString()), "the same ConfigMap");
            Assert.That(Text(job, "spec", "template", "spec", "restartPolicy"), Is.EqualTo("Never"));
        });
    }

    [Test]
    public void Selectors_and_scale_targets_point_at_what_exists()
    {
        var deployments = OfKind("Deployment").ToDictionary(d => Text(d, "metadata", "name")!);
        bool Selects(YamlMappingNode selector, YamlMappingNode deployment) =>
            ((YamlMappingNode)selector).All(l => Text(deployment, "spec", "template", "metadata", "labels", l.Key.ToString()) == l.Value.ToString());
        foreach (var budget in OfKind("PodDisruptionBudget"))
            Assert.That(deployments.Values.Count(d => Selects((YamlMappingNode)Node(budget, "spec", "selector", "matchLabels")!, d)), Is.EqualTo(1), Text(budget, "metadata", "name"));
        var service = OfKind("Service").Single();
        Assert.That(Selects((YamlMappingNode)Node(service, "spec", "selector")!, deployments["socialcrm-web"]), "the Service sends to the web host");
        Assert.That(OfKind("PodDisruptionBudget").Count(), Is.EqualTo(deployments.Count), "a disruption budget for each Deployment");

        foreach (var scaled in OfKind("ScaledObject"))
        {
            var target = Text(scaled, "spec", "scaleTargetRef", "name")!;
            Assert.That(deployments, Does.ContainKey(target));
            var queue = Text((YamlMappingNode)((YamlSequenceNode)Node(scaled, "spec", "triggers")!)[0], "metadata", "queueName");
            Assert.That(Env(Containers(deployments[target]).Single())["SocialCrm__Stages"]!.Split(','), Does.Contain(queue),
                "it scales on a queue of a stage that Deployment runs (the queue is named for its stage)");
        }
    }

    [Test]
    public void The_autoscalers_cap_keeps_the_connections_inside_the_stores_budget()
    {
        var keda = File.ReadAllText(Path.Combine(Deploy, "kubernetes", "keda-scaledobject.yaml"));
        var manifest = File.ReadAllText(Path.Combine(Deploy, "kubernetes", "socialcrm.yaml"));
        var pool = int.Parse(PoolSize().Match(manifest).Groups[1].Value);
        Assert.That(PoolSize().Match(keda).Groups[1].Value, Is.EqualTo(pool.ToString()), "the pool size the budget assumes is the secret's");
        var maxConnections = int.Parse(Regex.Match(keda, @"max_connections=(\d+)").Groups[1].Value);
        var webPods = int.Parse(Text(OfKind("Deployment").Single(d => Text(d, "metadata", "name") == "socialcrm-web"), "spec", "replicas")!);
        var workerPods = OfKind("ScaledObject").Sum(s => int.Parse(Text(s, "spec", "maxReplicaCount")!));
        const int reservedForSuperusers = 3, migrateJob = 1;
        Assert.That(reservedForSuperusers + (webPods + migrateJob + workerPods) * pool, Is.LessThanOrEqualTo(maxConnections));
    }

    [Test]
    public void No_secret_is_written_in_them()
    {
        var containers = OfKind("Deployment").SelectMany(Containers).Concat(OfKind("Job").SelectMany(j => ((YamlSequenceNode)Node(j, "spec", "template", "spec", "containers")!).Cast<YamlMappingNode>()));
        foreach (var container in containers)
            foreach (var secret in new[] { "SocialCrm__Database__ConnectionString", "SocialCrm__Bus__RabbitMqUri" })
            {
                var entry = ((YamlSequenceNode)Node(container, "env")!).Cast<YamlMappingNode>().Single(e => Text(e, "name") == secret);
                Assert.That(Text(entry, "valueFrom", "secretKeyRef", "name"), Is.EqualTo("socialcrm"), $"{secret} from the secret");
            }
        var config = (YamlMappingNode)Node(OfKind("ConfigMap").Single(), "data")!;
        Assert.That(config.Select(e => e.Key.ToString()), Has.None.Contains("ConnectionString").And.None.Contains("RabbitMqUri"), "not in the ConfigMap");
        foreach (var file in Files)
            Assert.That(Regex.Matches(File.ReadAllText(file), @"Password=([^;'\s""]+)").Select(m => m.Groups[1].Value), Is.All.EqualTo("CHANGE-ME").Or.EqualTo("..."), file);
    }

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode deployment) =>
        ((YamlSequenceNode)Node(deployment, "spec", "template", "spec", "containers")!).Cast<YamlMappingNode>();

    private static Dictionary<string, string?> Env(YamlMappingNode container) =>
        ((YamlSequenceNode)Node(container, "env")!).Cast<YamlMappingNode>().ToDictionary(e => Text(e, "name")!, e => Text(e, "value"));

    private static YamlNode? Node(YamlMappingNode node, params string[] path)
    {
        YamlNode? current = node;
        foreach (var key in path)
            current = current is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;
        return current;
    }

    private static string? Text(YamlMappingNode node, params string[] path) => (Node(node, path) as YamlScalarNode)?.Value;

    private static bool Binds(Type type, string[] path)
    {
        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is not null && (path.Length == 1 || Binds(property.PropertyType, path[1..]));
    }

    [GeneratedRegex(@"\bSocialCrm__([A-Za-z_]+)")]
    private static partial Regex SettingKey();

    [GeneratedRegex(@"Maximum Pool Size=(\d+)")]
    private static partial Regex PoolSize();
}
