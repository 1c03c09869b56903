using Microsoft.Data.Sqlite;
using SocialCrm.Cli.Commands;

namespace SocialCrm.Tests.Cli;

public class IngestCommandTests
{
    [Test]
    public async Task Bad_lines_are_reported_and_the_good_ones_kept()
    {
        var folder = Path.Combine(Path.GetTempPath(), "socialcrm-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "signals.jsonl");
        string Line(string id) => $$"""{"platform":"x","postId":"{{id}}","authorHandle":"a{{id}}","text":"Still waiting for my order","postedAt":"2026-01-05T10:00:00Z"}""";
        await File.WriteAllLinesAsync(file, [Line("1"), Line("2"), "{\"platform\": \"x\",", """{"platform":"x","postId":"4"}""", Line("5"), Line("1")]);
        var database = Path.Combine(folder, "cli.db");

        var exit = await CliCommands.Root().Parse(["ingest", file, "--connection", $"Data Source={database};Pooling=False"]).InvokeAsync();

        Assert.That(exit, Is.EqualTo(1), "a file with rejected lines exits non-zero");
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "select count(*), count(*) filter (where \"PlatformPostId\" in ('1', '2', '5')) from \"Signals\"";
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.That((reader.GetInt32(0), reader.GetInt32(1)), Is.EqualTo((3, 3)), "lines 1, 2 and 5 kept once; 3 and 4 rejected; 6 repeats 1");
    }
}
