using SocialCrm.Cli.Faults;

namespace SocialCrm.Tests.Faults;

public class FaultSettingsTests
{
    /// <summary>The suite run from outside the checkout (a copy of the build in /tmp) died at the broker restart: "deploy/servers.sh: No such file".</summary>
    [Test]
    public void The_restart_commands_name_the_checkouts_scripts_wherever_the_suite_is_run_from()
    {
        var before = Environment.CurrentDirectory;
        try
        {
            Environment.CurrentDirectory = Path.GetTempPath();
            var settings = new FaultSettings();
            foreach (var command in new[] { settings.RestartBroker, settings.RestartDatabase, settings.StopClusterNode })
            {
                var script = command.Split(' ')[1].Trim('\'');
                Assert.That(File.Exists(script), $"'{command}' run from {Path.GetTempPath()}");
            }
        }
        finally
        {
            Environment.CurrentDirectory = before;
        }
    }
}
