using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using SocialCrm.Domain.Text;

namespace SocialCrm.Channels.Inbound;

/// <summary>A string of a JSON body that breaks <see cref="TextRules"/>, at its path (<c>comment</c>, <c>accounts[1].handle</c>).</summary>
public sealed record JsonTextProblem(string Path, string Message);

/// <summary>
/// Checks every string and property name of a JSON body against <see cref="TextRules"/> before anything reads it:
/// invalid UTF-8, an escaped lone surrogate (<c>"\udfff"</c>) and NUL. System.Text.Json reads past all three and
/// throws only when a field is turned into a string, deep inside whatever handler took the body.
/// </summary>
public static class JsonText
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The first string that breaks the rules; null when there is none, or when the body is not JSON at all (its reader says so).</summary>
    public static JsonTextProblem? FindProblem(ReadOnlySpan<byte> json)
    {
        // A byte-order mark stops the reader but not the deserialisers, which skip it.
        if (json.StartsWith(Utf8Bom)) json = json[Utf8Bom.Length..];
        var path = new List<(string? Name, int Index)>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        Advance(path);
                        path.Add(reader.TokenType == JsonTokenType.StartArray ? (null, -1) : ("", 0));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = Read(ref reader, out var nameProblem);
                        path[^1] = (name ?? "?", 0);
                        if (nameProblem is not null) return new(PathOf(path), "the property name " + nameProblem);
                        break;
                    case JsonTokenType.String:
                        Advance(path);
                        Read(ref reader, out var problem);
                        if (problem is not null) return new(PathOf(path), problem);
                        break;
                    default:
                        Advance(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    /// <summary>
    /// The same JSON with every string cleaned by <see cref="TextRules.Clean"/> (invalid UTF-8 and lone surrogates
    /// become U+FFFD, NUL goes); the body itself when nothing needs cleaning or it is not JSON.
    /// </summary>
    public static ReadOnlyMemory<byte> Clean(ReadOnlyMemory<byte> json)
    {
        if (FindProblem(json.Span) is null) return json;
        if (json.Span.StartsWith(Utf8Bom)) json = json[Utf8Bom.Length..];
        var output = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = 64 });
            try
            {
                while (reader.Read())
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartObject: writer.WriteStartObject(); break;
                        case JsonTokenType.EndObject: writer.WriteEndObject(); break;
                        case JsonTokenType.StartArray: writer.WriteStartArray(); break;
                        case JsonTokenType.EndArray: writer.WriteEndArray(); break;
                        case JsonTokenType.PropertyName: writer.WritePropertyName(TextRules.Clean(Read(ref reader, out _) ?? Lenient(reader.ValueSpan))); break;
                        case JsonTokenType.String: writer.WriteStringValue(TextRules.Clean(Read(ref reader, out _) ?? Lenient(reader.ValueSpan))); break;
                        default: writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true); break;
                    }
                }
            }
            catch (JsonException)
            {
                return json;
            }
        }
        return output.WrittenMemory;
    }

    /// <summary>The token's text, and why it breaks the rules; null text when it cannot be read as a string at all.</summary>
    private static string? Read(ref Utf8JsonReader reader, out string? problem)
    {
        problem = null;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && !Utf8.IsValid(reader.ValueSpan))
        {
            problem = TextRules.Utf8Problem;
            return null;
        }
        try
        {
            var text = reader.GetString()!;
            problem = TextRules.Problem(text);
            return text;
        }
        catch (InvalidOperationException)
        {
            // Invalid UTF-8 between escapes, or an escaped lone surrogate: the reader will not make a string of either.
            problem = Utf8.IsValid(reader.ValueSpan) ? TextRules.SurrogateProblem : TextRules.Utf8Problem;
            return null;
        }
    }

    /// <summary>A string token's raw bytes unescaped by hand, every unreadable part as U+FFFD (only for text the reader refused).</summary>
    private static string Lenient(ReadOnlySpan<byte> raw)
    {
        var text = new StringBuilder(raw.Length);
        var run = new List<byte>();
        void Flush() { if (run.Count > 0) { text.Append(Encoding.UTF8.GetString(run.ToArray())); run.Clear(); } }
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '\\' || i + 1 >= raw.Length) { run.Add(raw[i]); continue; }
            Flush();
            var e = raw[++i];
            if (e == 'u' && i + 4 < raw.Length && int.TryParse(Encoding.ASCII.GetString(raw.Slice(i + 1, 4)), System.Globalization.NumberStyles.HexNumber, null, out var unit))
            {
                text.Append((char)unit);
                i += 4;
                continue;
            }
            text.Append(e switch { (byte)'n' => '\n', (byte)'r' => '\r', (byte)'t' => '\t', (byte)'b' => '\b', (byte)'f' => '\f', _ => (char)e });
        }
        Flush();
        return text.ToString(); // lone surrogates are left for TextRules.Clean to replace
    }

    private static void Advance(List<(string? Name, int Index)> path)
    {
        if (path.Count > 0 && path[^1] is { Name: null } array) path[^1] = (null, array.Index + 1);
    }

    private static string PathOf(List<(string? Name, int Index)> path)
    {
        var text = new StringBuilder();
        foreach (var (name, index) in path)
            if (name is { Length: > 0 }) text.Append(text.Length == 0 ? "" : ".").Append(name);
            else if (name is null && index >= 0) text.Append('[').Append(index).Append(']');
        return text.Length == 0 ? "$" : text.ToString();
    }
}
