using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SocialCrm.Workflows.Expressions;

/// <summary>The value model of the expression language: null, bool, double, string, or a JSON object/array.</summary>
public static class Values
{
    public static object? FromNode(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v => v.GetValueKind() switch
        {
            // (object) keeps the switch from being typed JsonNode, which would turn these back into nodes.
            JsonValueKind.True => (object)true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.TryGetValue<double>(out var d) ? d : double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
            JsonValueKind.String => v.GetValue<string>(),
            _ => null,
        },
        _ => node,
    };

    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode n => n.DeepClone(),
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        // Numbers are always stored as double, and times as ISO strings, so reads agree before and after persistence.
        int i => JsonValue.Create((double)i),
        long l => JsonValue.Create((double)l),
        double d => JsonValue.Create(d),
        decimal m => JsonValue.Create((double)m),
        DateTime t => JsonValue.Create(t.ToString("O", CultureInfo.InvariantCulture)),
        DateTimeOffset t => JsonValue.Create(t.ToString("O", CultureInfo.InvariantCulture)),
        Guid g => JsonValue.Create(g.ToString()),
        Enum e => JsonValue.Create(e.ToString()),
        _ => JsonSerializer.SerializeToNode(value),
    };

    public static bool IsTruthy(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0,
        string s => s.Length > 0,
        _ => true,
    };

    public static double ToNumber(object? value, int position) => value switch
    {
        double d => d,
        bool b => b ? 1 : 0,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        null => throw new ExpressionException("a number was expected but the value is null", position),
        _ => throw new ExpressionException($"a number was expected but got '{Format(value)}'", position),
    };

    public static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        string s => s,
        JsonNode n => n.ToJsonString(),
        _ => value.ToString() ?? "",
    };

    /// <summary>Equality as conditions mean it: numbers by value, text without regard to case, null only to null.</summary>
    public static bool AreEqual(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (double x, double y) => x.Equals(y),
        (string x, string y) => string.Equals(x, y, StringComparison.OrdinalIgnoreCase),
        (bool x, bool y) => x == y,
        _ => Format(a) == Format(b),
    };
}
