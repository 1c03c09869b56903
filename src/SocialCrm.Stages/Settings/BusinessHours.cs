using System.Globalization;
using System.Text.RegularExpressions;

namespace SocialCrm.Stages.Settings;

/// <summary>
/// When a queue's SLA clock runs: a week of opening hours in a time zone ("mon-fri 08:00-17:00; sat 10:00-14:00"),
/// and holidays (yyyy-MM-dd, comma-separated) when it does not. Strings, so two versions compare by value; parsed
/// once per value. A window ends the day it starts (no overnight windows: write two).
/// </summary>
public sealed partial record BusinessHours(string TimeZone, string Week, string Holidays = "")
{
    private static readonly string[] Days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    [GeneratedRegex(@"^\s*(?<days>[a-z]{3}(?:\s*-\s*[a-z]{3})?(?:\s*\+\s*[a-z]{3}(?:\s*-\s*[a-z]{3})?)*)\s+(?<from>\d{1,2}:\d{2})\s*-\s*(?<to>\d{1,2}:\d{2})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();

    private sealed record Parsed(TimeZoneInfo Zone, List<(TimeSpan From, TimeSpan To)>[] Windows, HashSet<DateOnly> Holidays);

    // Parsed once per value for the whole process ('with' copies a record's fields, so no per-instance cache).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string, string), Parsed> Cache = new();


    private Parsed Rules => Cache.GetOrAdd((TimeZone, Week, Holidays), _ => Parse(out string? _) ?? throw new InvalidOperationException($"business hours '{Week}' in {TimeZone} are invalid"));

    /// <summary>Why these hours cannot be used, in words; null when they can.</summary>
    public string? Problem()
    {
        Parse(out var problem);
        return problem;
    }

    private Parsed? Parse(out string? problem)
    {
        problem = null;
        TimeZoneInfo zone;
        try { zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone.Trim()); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            problem = $"'{TimeZone}' is not a time zone (an IANA name such as Europe/Helsinki)";
            return null;
        }
        var windows = Enumerable.Range(0, 7).Select(_ => new List<(TimeSpan, TimeSpan)>()).ToArray();
        foreach (var part in Week.ToLowerInvariant().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var m = Segment().Match(part);
            if (!m.Success)
            {
                problem = $"'{part}' is not days and hours such as 'mon-fri 08:00-17:00'";
                return null;
            }
            if (!TimeSpan.TryParseExact(m.Groups["from"].Value, @"h\:mm", CultureInfo.InvariantCulture, out var from)
                || !TimeSpan.TryParseExact(m.Groups["to"].Value, @"h\:mm", CultureInfo.InvariantCulture, out var to) || from >= to || to > TimeSpan.FromHours(24))
            {
                problem = $"'{part}': the hours must be a start before an end within one day, e.g. 08:00-17:00";
                return null;
            }
            foreach (var range in m.Groups["days"].Value.Split('+', StringSplitOptions.TrimEntries))
            {
                var ends = range.Split('-', StringSplitOptions.TrimEntries);
                var first = Array.IndexOf(Days, ends[0]);
                var last = Array.IndexOf(Days, ends[^1]);
                if (first < 0 || last < 0)
                {
                    problem = $"'{range}' is not a day or days (mon, tue, wed, thu, fri, sat, sun; mon-fri)";
                    return null;
                }
                for (var d = first; ; d = (d + 1) % 7)
                {
                    windows[d].Add((from, to));
                    if (d == last) break;
                }
            }
        }
        if (windows.All(w => w.Count == 0))
        {
            problem = "give at least one day's hours, e.g. 'mon-fri 08:00-17:00'";
            return null;
        }
        foreach (var w in windows) w.Sort();
        var holidays = new HashSet<DateOnly>();
        foreach (var day in Holidays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                problem = $"'{day}' is not a holiday date (yyyy-MM-dd)";
                return null;
            }
            holidays.Add(date);
        }
        return new(zone, windows, holidays);
    }

    /// <summary>The moment <paramref name="minutes"/> of opening hours after <paramref name="startUtc"/> (UTC in, UTC out).</summary>
    public DateTime AddMinutes(DateTime startUtc, double minutes)
    {
        var rules = Rules;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc), rules.Zone);
        var left = TimeSpan.FromMinutes(Math.Max(0, minutes));
        // Two years of days at most: the validator refuses a week with no hours, so this ends long before.
        for (var i = 0; i < 800; i++)
        {
            var date = DateOnly.FromDateTime(local);
            if (!rules.Holidays.Contains(date))
                foreach (var (from, to) in rules.Windows[(int)local.DayOfWeek])
                {
                    var opens = local.Date + from;
                    var closes = local.Date + to;
                    if (local >= closes) continue;
                    var start = local > opens ? local : opens;
                    if (closes - start >= left) return ToUtc(start + left, rules.Zone);
                    left -= closes - start;
                    local = closes;
                }
            local = local.Date.AddDays(1);
        }
        return ToUtc(local, rules.Zone);
    }

    /// <summary>Opening-hours minutes between two moments (0 when the second is not later).</summary>
    public double MinutesBetween(DateTime fromUtc, DateTime toUtc)
    {
        if (toUtc <= fromUtc) return 0;
        var rules = Rules;
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc), rules.Zone);
        var end = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(toUtc, DateTimeKind.Utc), rules.Zone);
        var total = TimeSpan.Zero;
        while (local < end)
        {
            if (!rules.Holidays.Contains(DateOnly.FromDateTime(local)))
                foreach (var (from, to) in rules.Windows[(int)local.DayOfWeek])
                {
                    var opens = local.Date + from;
                    var closes = local.Date + to;
                    var a = local > opens ? local : opens;
                    var b = end < closes ? end : closes;
                    if (b > a) total += b - a;
                }
            local = local.Date.AddDays(1);
        }
        return total.TotalMinutes;
    }

    /// <summary>"mon-fri 08:00-17:00 (Europe/Helsinki), 2 holidays".</summary>
    public override string ToString()
    {
        var count = Holidays.Split(',', StringSplitOptions.RemoveEmptyEntries).Length;
        return $"{Week} ({TimeZone})" + (count == 0 ? "" : $", {count} holiday{(count == 1 ? "" : "s")}");
    }

    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A wall time the clocks skip (spring forward) is the first time after the gap.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
