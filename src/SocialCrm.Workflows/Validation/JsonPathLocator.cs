using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SocialCrm.Workflows.Validation;

/// <summary>
/// Finds where in a JSON text a path such as $.activities[3].inputs.condition is, so an error can be shown at its
/// place in the editor. Where the path goes deeper than the text (an input that is missing), the deepest part that
/// exists is given.
/// </summary>
public static partial class JsonPathLocator
{
    public static (int Line, int Column) Locate(string json, string path)
    {
        var target = Segments(path);
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new List<Frame>();
        var best = (Depth: 0, Offset: 0L);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        frames[^1].Property = reader.GetString();
                        if (Matched(frames, target) is var depth && depth > best.Depth) best = (depth, reader.TokenStartIndex);
                        if (best.Depth == target.Count) return Position(bytes, best.Offset);
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        continue;
                }
                if (frames.Count > 0 && frames[^1].IsArray) frames[^1].Index++;
                if (Matched(frames, target) is var reached && reached > best.Depth) best = (reached, reader.TokenStartIndex);
                if (best.Depth == target.Count) return Position(bytes, best.Offset);
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    frames.Add(new Frame { IsArray = reader.TokenType == JsonTokenType.StartArray });
            }
        }
        catch (JsonException)
        {
            // The text stops parsing further on; what was found so far stands.
        }
        return Position(bytes, best.Offset);
    }

    /// <summary>How many leading segments of the target the current place matches, when it matches all of its own.</summary>
    private static int Matched(List<Frame> frames, List<object> target)
    {
        if (frames.Count > target.Count) return 0;
        for (var i = 0; i < frames.Count; i++)
        {
            object segment = frames[i].IsArray ? frames[i].Index : frames[i].Property ?? "";
            if (!segment.Equals(target[i])) return 0;
        }
        return frames.Count;
    }

    private static (int Line, int Column) Position(byte[] bytes, long offset)
    {
        int line = 1, lineStart = 0;
        for (var i = 0; i < offset && i < bytes.Length; i++)
            if (bytes[i] == '\n') { line++; lineStart = i + 1; }
        return (line, Encoding.UTF8.GetCharCount(bytes, lineStart, (int)Math.Min(offset, bytes.Length) - lineStart) + 1);
    }

    private static List<object> Segments(string path) =>
        [.. SegmentPattern().Matches(path).Select(m => m.Groups[2].Success ? int.Parse(m.Groups[2].Value) : (object)(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[3].Value))];

    [GeneratedRegex(@"\.([^.\[\]\s]+)|\[(\d+)\]|\['([^']*)'\]")]
    private static partial Regex SegmentPattern();

    private sealed class Frame
    {
        public bool IsArray;
        public int Index = -1;
        public string? Property;
    }
}
