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
    public async Task Intent_is_trained_stored_compared_with_the_model_in_use_and_listed()
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
        var shipped = ShippedModel.All.Single(m => m.Kind == ModelKinds.Intent);
        Assert.That(output.ToString(), Does.Contain("on the labelled intent set without its held-out quarter"));

        using var host = await CliHost.CreateAsync(new SocialCrmOptions { Database = new DatabaseOptions { ConnectionString = store } });
        await using var scope = host.Services.CreateAsyncScope();
        var versions = await scope.ServiceProvider.GetRequiredService<ModelStore>().ListAsync(ModelKinds.Intent, CancellationToken.None);
        // The same data and strength as the shipped model: no better on the held-out posts, so the one in use stays.
        Assert.That(versions.Select(v => (v.Version == shipped.Version, v.IsActive)), Is.EquivalentTo(new[] { (true, true), (false, false) }));
        var trained = versions.Single(v => v.Version != shipped.Version);
        Assert.That(trained.MetricsJson, Does.Contain($"intent-lr-{shipped.Version}"), "stored with the figures of the model it was compared with");
        Assert.That(scope.ServiceProvider.GetRequiredService<ModelRegistry>().Intent.ModelName, Is.EqualTo($"intent-lr-{shipped.Version}"), "a new process scores with the one in use");
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
