using System.Globalization;

namespace SocialCrm.Web.Api;

/// <summary>from/to query values as yyyy-MM-dd, with a problem that names the format instead of a binder message. 'to' is inclusive.</summary>
public sealed record DateRange(DateOnly? From, DateOnly? To, Dictionary<string, string[]>? Problem)
{
    public DateTime? FromUtc => From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    public DateTime? ToUtc => To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public static DateRange Parse(string? from, string? to)
    {
        var problems = new Dictionary<string, string[]>();
        var f = One("from", from, problems);
        var t = One("to", to, problems);
        if (f is not null && t is not null && t < f) problems["to"] = [$"'{to}' is before from ('{from}')"];
        return new(f, t, problems.Count == 0 ? null : problems);
    }

    private static DateOnly? One(string name, string? value, Dictionary<string, string[]> problems)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        problems[name] = [$"'{value}' is not a date: use yyyy-MM-dd, for example 2026-11-25"];
        return null;
    }
}
