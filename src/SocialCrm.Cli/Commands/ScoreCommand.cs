using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Scoring.Language;
using SocialCrm.Scoring.Text;
using SocialCrm.Scoring.Value;
using SocialCrm.Stages.Models;

namespace SocialCrm.Cli.Commands;

/// <summary>
/// score: reads JSONL (an object with "text" and optional customer fields a line) and writes each line back with
/// a "scores" object: language, sentiment, intent, value and reply kind, each with its model and reasons. Uses the
/// active trained models, like the stages do. A line that cannot be scored gets an "error" instead, and the rest go on.
/// </summary>
public static class ScoreCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("input") { Description = "JSONL: {\"text\": ..., \"lifetimeRevenue\", \"tenureDays\", \"followers\", \"status\", \"platform\"} per line" };
        var output = new Option<FileInfo?>("--out") { Description = "where to write (default: standard output)" };
        var command = new Command("score", "Score every line of a JSONL file with the active models, with reasons.") { input, output };
        command.SetAction(async (result, ct) =>
        {
            using var host = await CliHost.CreateAsync(GlobalOptions.Read(result), ct: ct);
            var models = host.Services.GetRequiredService<ModelRegistry>();
            var (sentiment, intent, value, replyKind) = (models.Sentiment, models.Intent, models.Value, models.ReplyKind);
            var language = new StopwordLanguageDetector();
            await using var writer = result.GetValue(output) is { } file ? new StreamWriter(file.FullName) : new StreamWriter(Console.OpenStandardOutput());
            var number = 0;
            var failed = 0;
            foreach (var line in File.ReadLines(result.GetValue(input)!.FullName))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                JsonObject row;
                try
                {
                    row = JsonNode.Parse(line) as JsonObject ?? throw new JsonException("the line is not a JSON object");
                    var text = row["text"]?.GetValue<string>() ?? throw new JsonException("\"text\" is missing");
                    double Number(string name) => row[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0;
                    var analysed = new AnalysedText(text);
                    var lang = analysed.Language = language.Detect(analysed);
                    var s = sentiment.Score(analysed);
                    var i = intent.Classify(analysed);
                    var features = new CustomerValueFeatures(Number("lifetimeRevenue"), Number("tenureDays"), (int)Number("interactions30Days"),
                        (int)Number("complaints30Days"), (int)Number("followers"), (int)Number("status"), s.Score, i.Label, row["platform"]?.GetValue<string>() ?? "");
                    var v = value.Score(features);
                    var r = replyKind.Recommend(features, v.Score);
                    row["scores"] = new JsonObject
                    {
                        ["language"] = lang,
                        ["sentiment"] = new JsonObject { ["model"] = sentiment.ModelName, ["label"] = s.Label, ["score"] = s.Score, ["reasons"] = Reasons(s.Reasons) },
                        ["intent"] = new JsonObject { ["model"] = intent.ModelName, ["label"] = i.Label, ["confidence"] = i.Confidence, ["reasons"] = Reasons(i.Reasons) },
                        ["value"] = new JsonObject { ["model"] = value.ModelName, ["score"] = v.Score, ["reasons"] = Reasons(v.Reasons) },
                        ["replyKind"] = new JsonObject { ["model"] = replyKind.ModelName, ["kind"] = r.Kind, ["gain"] = r.Gain, ["reason"] = r.Reason },
                    };
                }
                catch (Exception e) when (e is JsonException or InvalidOperationException)
                {
                    failed++;
                    row = new JsonObject { ["line"] = number, ["error"] = e.Message };
                }
                await writer.WriteLineAsync(row.ToJsonString(Readable));
            }
            await writer.FlushAsync(ct);
            if (failed > 0) Console.Error.WriteLine($"socialcrm: {failed} line(s) could not be scored; see their \"error\"");
            return failed > 0 ? 1 : 0;
        });
        return command;
    }

    /// <summary>Apostrophes and letters such as ä stay as they are, for people reading the file.</summary>
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonArray Reasons(IEnumerable<SocialCrm.Scoring.Text.Explanation> reasons) => [.. reasons.Select(r => (JsonNode)r.Reason)];
}
