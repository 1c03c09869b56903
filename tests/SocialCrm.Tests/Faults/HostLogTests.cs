using SocialCrm.Cli.Faults;

namespace SocialCrm.Tests.Faults;

/// <summary>
/// The fault suite's host log: output lines keep arriving on the thread pool after the host process has exited; one
/// written to the closed file crashed the whole test run in CI ("Cannot write to a closed TextWriter").
/// </summary>
public class HostLogTests
{
    [Test]
    public void A_line_arriving_after_the_host_exited_is_dropped_without_an_exception()
    {
        var path = Path.GetTempFileName();
        try
        {
            var log = new HostLog(path);
            log.Write("before exit");
            log.Close();
            Assert.DoesNotThrow(() => log.Write("drained after exit"));
            Assert.That(File.ReadAllLines(path), Is.EqualTo(new[] { "before exit" }));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
