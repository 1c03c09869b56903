using System.Reflection;
using System.Text.RegularExpressions;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Workflows;

using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Deployment;

/// <summary>
/// The Kubernetes manifests and systemd units an operator deploys from: every setting they name is one SocialCrm
/// reads (a typo is a setting silently ignored), every process is probed on /alive and /health, the workers run every
/// stage and the web host none, and no secret is written in them.
/// </summary>
public partial class DeploymentFilesTests
{
    private static readonly string Deploy = Path.Combine(Checkout.Root, "deploy");
    private static IEnumerable<string> Files => Directory.EnumerateFiles(Path.Combine(Deploy, "kubernetes")).Concat(Directory.EnumerateFiles(Path.Combine(Deploy, "systemd")));

    // Read outside SocialCrmOptions, by the telemetry and the simulator.
    private static readonly string[] OtherSettings = ["Telemetry:Prometheus"];

    [Test]
    public void Every_setting_named_is_one_SocialCrm_reads()
    {
        var keys = Files.SelectMany(f => SettingKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value.Replace("__", ":")))).ToList();
        Assert.That(keys, Has.Count.GreaterThan(10));
        var unknown = keys.Where(k => !OtherSettings.Contains(k.Key) && !Binds(typeof(SocialCrmOptions), k.Key.Split(':'))).ToList();
        Assert.That(unknown, Is.Empty, "settings no property of SocialCrmOptions takes");
    }

    [Test]
    public void Every_process_is_probed_the_workers_cover_the_stages_and_the_web_host_runs_none()
    {
        var manifest = File.ReadAllText(Path.Combine(Deploy, "kubernetes", "socialcrm.yaml"));
        var deployments = Regex.Count(manifest, @"kind: Deployment");
        Assert.That(Regex.Count(manifest, @"livenessProbe: \{ httpGet: \{ path: /alive"), Is.EqualTo(deployments));
        Assert.That(Regex.Count(manifest, @"readinessProbe: \{ httpGet: \{ path: /health"), Is.EqualTo(deployments));
        var stages = Regex.Matches(manifest, @"name: SocialCrm__Stages, value: ""([^""]*)""").Select(m => m.Groups[1].Value).ToList();
        Assert.That(stages, Has.Count.EqualTo(deployments));
        Assert.That(stages[0], Is.Empty, "the web host leaves the stages to the workers");
        Assert.That(stages.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries)), Is.EquivalentTo(StageWorkflows.All), "each stage run by one worker group");
        Assert.That(File.ReadAllText(Path.Combine(Deploy, "systemd", "socialcrm-web.service")), Does.Contain("Environment=SocialCrm__Stages=\n"));
    }

    [Test]
    public void No_secret_is_written_in_them()
    {
        var manifest = File.ReadAllText(Path.Combine(Deploy, "kubernetes", "socialcrm.yaml"));
        foreach (var secret in new[] { "SocialCrm__Database__ConnectionString", "SocialCrm__Bus__RabbitMqUri" })
            Assert.That(Regex.IsMatch(manifest, $@"name: {secret}, valueFrom: \{{ secretKeyRef"), $"{secret} from the secret");
        Assert.That(Regex.IsMatch(manifest, @"^\s*SocialCrm__(Database__ConnectionString|Bus__RabbitMqUri):", RegexOptions.Multiline), Is.False, "not in the ConfigMap");
        foreach (var file in Files)
            Assert.That(Regex.Matches(File.ReadAllText(file), @"Password=([^;'\s""]+)").Select(m => m.Groups[1].Value), Is.All.EqualTo("CHANGE-ME").Or.EqualTo("..."), file);
    }

    private static bool Binds(Type type, string[] path)
    {
        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is not null && (path.Length == 1 || Binds(property.PropertyType, path[1..]));
    }

    [GeneratedRegex(@"\bSocialCrm__([A-Za-z_]+)")]
    private static partial Regex SettingKey();
}
