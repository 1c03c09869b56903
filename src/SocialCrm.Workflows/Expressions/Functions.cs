using System.Text.Json.Nodes;

namespace SocialCrm.Workflows.Expressions;

/// <summary>The fixed set of functions conditions may call; an unknown name is a save-time error.</summary>
internal static class Functions
{
    public static readonly IReadOnlyDictionary<string, int> Arity = new Dictionary<string, int>
    {
        ["contains"] = 2,
        ["lower"] = 1,
        ["len"] = 1,
        ["min"] = 2,
        ["max"] = 2,
        ["coalesce"] = 2,
    };

    public static object? Invoke(string name, object?[] a, int position) => name switch
    {
        "contains" => a[0] switch
        {
            string s => s.Contains(Values.Format(a[1]), StringComparison.OrdinalIgnoreCase),
            JsonArray arr => arr.Any(n => Values.AreEqual(Values.FromNode(n), a[1])),
            _ => false,
        },
        "lower" => a[0] is null ? null : Values.Format(a[0]).ToLowerInvariant(),
        "len" => a[0] switch
        {
            null => 0d,
            string s => (double)s.Length,
            JsonArray arr => arr.Count,
            _ => throw new ExpressionException("len() takes a string or a list", position),
        },
        "min" => Math.Min(Values.ToNumber(a[0], position), Values.ToNumber(a[1], position)),
        "max" => Math.Max(Values.ToNumber(a[0], position), Values.ToNumber(a[1], position)),
        "coalesce" => a[0] ?? a[1],
        _ => throw new ExpressionException($"unknown function '{name}'", position),
    };
}
