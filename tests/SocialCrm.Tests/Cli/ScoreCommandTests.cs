using System.Text.Json.Nodes;
using SocialCrm.Cli.Commands;

namespace SocialCrm.Tests.Cli;

public class ScoreCommandTests
{
    [Test]
    public async Task Writes_each_line_back_with_scores_and_reasons_and_names_bad_lines()
    {
        var folder = Path.Combine(Path.GetTempPath(), "socialcrm-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var input = Path.Combine(folder, "in.jsonl");
        var output = Path.Combine(folder, "out.jsonl");
        await File.WriteAllLinesAsync(input, [
            """{"id": 7, "text": "The app crashed again and nobody answers. Terrible!", "followers": 12000}""",
            "{ broken",
            """{"text": "Kiitos, loistava palvelu!"}""",
        ]);

        var exit = await CliCommands.Root().Parse(["score", input, "--out", output, "--connection", $"Data Source={Path.Combine(folder, "s.db")};Pooling=False"]).InvokeAsync();

        var lines = (await File.ReadAllLinesAsync(output)).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1), "a line could not be scored");
            Assert.That(lines, Has.Count.EqualTo(3));
            Assert.That(lines[0]["id"]!.GetValue<int>(), Is.EqualTo(7), "the input fields are kept");
            Assert.That(lines[0]["scores"]!["sentiment"]!["label"]!.GetValue<string>(), Is.EqualTo("negative"));
            Assert.That(lines[0]["scores"]!["intent"]!["label"]!.GetValue<string>(), Is.EqualTo("complaint"));
            Assert.That(lines[0]["scores"]!["sentiment"]!["reasons"]!.AsArray().Select(r => r!.GetValue<string>()), Has.Some.Contains("'terrible'"));
            Assert.That(lines[1]["line"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(lines[1]["error"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(lines[2]["scores"]!["language"]!.GetValue<string>(), Is.EqualTo("fi"));
            Assert.That(lines[2]["scores"]!["sentiment"]!["label"]!.GetValue<string>(), Is.EqualTo("positive"));
        });
    }
}
