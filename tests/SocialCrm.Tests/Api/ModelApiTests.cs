using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Stages.Models;

namespace SocialCrm.Tests.Api;

/// <summary>The models behind the briefs, over HTTP: what is in use, and the way back to an earlier version.</summary>
public class ModelApiTests
{
    [Test]
    public async Task Lists_the_four_models_in_use_and_refuses_unknown_kinds_and_versions_by_name()
    {
        using var factory = new ApiFactory();
        using var client = await factory.ClientAsync("admin", "admin");

        async Task<(string, string)[]> InUseAsync() => (await client.GetFromJsonAsync<JsonArray>("/api/models"))!
            .Select(m => (m!["kind"]!.GetValue<string>(), Regex.Replace(m["inUse"]!.GetValue<string>(), @"shipped-\d{14}", "shipped"))).ToArray();
        Assert.That(await InUseAsync(), Is.EqualTo(new[]
        {
            ("sentiment", "sentiment-lr-shipped"), ("intent", "intent-lr-shipped"), ("value", "baseline-formula-1"), ("replykind", "baseline-rule-1"),
        }), "sentiment and intent trained from the first start: the models SocialCrm ships; value and reply kind learn from this install's outcomes");

        var unknownKind = await client.PostAsync("/api/models/mood/versions/v1/restore", null);
        Assert.That(unknownKind.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await unknownKind.Content.ReadAsStringAsync(), Does.Contain("unknown model kind 'mood'"));

        var unknownVersion = await client.PostAsync("/api/models/intent/versions/v9/restore", null);
        Assert.That(unknownVersion.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await unknownVersion.Content.ReadAsStringAsync(), Does.Contain("no intent model version v9"));

        Assert.That((await client.PostAsync("/api/models/intent/versions/baseline/restore", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await InUseAsync())[1], Is.EqualTo(("intent", "baseline-keywords-1")), "an admin can go back to the keyword rules");

        // Each stored version says what trained it.
        using (var scope = factory.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<ModelStore>().SaveAsync(ModelKinds.Value, "v1", "ML.NET LightGbm", "{}", "{}", "test rows", activate: false, CancellationToken.None);
        var value = (await client.GetFromJsonAsync<JsonArray>("/api/models"))!.Single(m => m!["kind"]!.GetValue<string>() == "value")!;
        Assert.That(value["versions"]![0]!["trainer"]!.GetValue<string>(), Is.EqualTo("ML.NET LightGbm"));
    }
}
