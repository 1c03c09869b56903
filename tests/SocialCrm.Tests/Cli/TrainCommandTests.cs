using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Cli.Commands;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Hosting;
using SocialCrm.Stages.Models;

namespace SocialCrm.Tests.Cli;

public class TrainCommandTests
{
    private static string Store()
    {
        var folder = Path.Combine(Path.GetTempPath(), "socialcrm-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "t.db")};Pooling=False";
    }

    [Test]
    public async Task Intent_is_trained_stored_and_promoted_over_the_keywords_and_listed()
    {
        var store = Store();
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            Assert.That(await CliCommands.Root().Parse(["train", "intent", "--connection", store]).InvokeAsync(), Is.EqualTo(0));
            Assert.That(await CliCommands.Root().Parse(["models", "list", "--kind", "intent", "--connection", store]).InvokeAsync(), Is.EqualTo(0));
        }
        finally { Console.SetOut(original); }
        Assert.That(output.ToString(), Does.Contain("on the labelled intent set without its held-out quarter"));

        using var host = await CliHost.CreateAsync(new SocialCrmOptions { Database = new DatabaseOptions { ConnectionString = store } });
        await using var scope = host.Services.CreateAsyncScope();
        var versions = await scope.ServiceProvider.GetRequiredService<ModelStore>().ListAsync(ModelKinds.Intent, CancellationToken.None);
        Assert.That(versions, Has.Count.EqualTo(1));
        Assert.That(versions[0].IsActive, Is.True, "better than the keywords on held-out posts, so promoted");
        Assert.That(versions[0].MetricsJson, Does.Contain("baseline-keywords-1"), "stored with the figures it was compared on");
        Assert.That(scope.ServiceProvider.GetRequiredService<ModelRegistry>().Intent.ModelName, Does.StartWith("intent-lr-"), "a new process scores with it");
    }

    [Test]
    public async Task Outcomes_without_measured_cases_say_so_and_change_nothing()
    {
        var store = Store();
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.That(await CliCommands.Root().Parse(["train", "outcomes", "--connection", store]).InvokeAsync(), Is.EqualTo(2));
        }
        finally { Console.SetError(original); }
        Assert.That(error.ToString(), Does.Contain("only 0 measured cases with features: at least 50 are needed"));
    }
}
