using System.Globalization;
using System.Text.Json;

namespace SocialCrm.Channels.Inbound;

/// <summary>Reading platform JSON leniently where platforms vary (numbers as strings, seconds or milliseconds) and strictly where an item needs a field.</summary>
internal static class Json
{
    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v)
            ? v.ValueKind switch { JsonValueKind.String => v.GetString(), JsonValueKind.Number => v.GetRawText(), _ => null }
            : null;

    public static JsonElement Obj(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    public static IEnumerable<JsonElement> Arr(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    public static bool Flag(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    public static bool Has(this JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out _);

    public static int Int(this JsonElement e, string name) =>
        e.Str(name) is { } s && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? (int)Math.Clamp(n, 0, int.MaxValue) : 0;

    /// <summary>A Unix time in seconds or milliseconds (platforms use both), or an ISO 8601 string.</summary>
    public static DateTime? Time(this JsonElement e, string name)
    {
        var s = e.Str(name);
        if (s is null) return null;
        // Out of the range of dates (year 1 to 9999) reads as no time (the item then takes the time it was received), not as a refusal of the whole delivery.
        if (long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            return n is < 0 or > 253_402_300_799_999 ? null
                : n > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(n).UtcDateTime
                : DateTimeOffset.FromUnixTimeSeconds(n).UtcDateTime;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.UtcDateTime : null;
    }

    public static JsonDocument Parse(ReadOnlyMemory<byte> body, string platform)
    {
        try
        {
            var doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw new WebhookFormatException($"a {platform} delivery is a JSON object");
            }
            return doc;
        }
        catch (JsonException j)
        {
            throw new WebhookFormatException($"the body is not valid JSON ({j.Message})");
        }
    }
}
