using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Contracts.Act;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Hosting;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Pipeline;

/// <summary>An operator searching the logs for one case finds what every stage wrote about it, in whichever process.</summary>
public class StageLogScopeTests
{
    [Test]
    public async Task What_a_stage_logs_while_handling_a_message_carries_the_case_and_message_ids()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        var logs = new CapturedLogs();
        await using var host = await PipelineHost.CreateAsync(PipelineHost.Options(store.Options, BusOptions.InMemory), logs: logs);

        // An agent action for a case no workflow waits on: the act stage logs a warning about it.
        var caseId = Guid.NewGuid();
        await host.Services.GetRequiredService<IBus>().Publish(new AgentActionRecorded(Guid.NewGuid(), caseId, DateTimeOffset.UtcNow));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        CapturedLogs.Line? line = null;
        while (line is null && DateTime.UtcNow < deadline)
        {
            line = logs.Lines.FirstOrDefault(l => l.Message.Contains("is not waiting for an agent"));
            await Task.Delay(50);
        }
        Assert.That(line, Is.Not.Null, "the act stage logged the action it could not apply");
        Assert.Multiple(() =>
        {
            Assert.That(line!.Scope["CaseId"], Is.EqualTo(caseId));
            Assert.That(line.Scope["MessageType"], Is.EqualTo(nameof(AgentActionRecorded)));
            Assert.That(line.Scope["MessageId"], Is.TypeOf<Guid>());
            Assert.That(line.Scope, Does.Not.ContainKey("SignalId"), "the message names no signal");
        });
    }
}
