namespace SocialCrm.Web.Workplace;

/// <summary>The viewer's time zone (from the browser, per circuit): every time the console shows is a date and time in it.</summary>
public sealed class ViewerTime
{
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public bool Known { get; private set; }

    public void Set(string? ianaId)
    {
        Known = true;
        if (!string.IsNullOrWhiteSpace(ianaId) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var zone)) Zone = zone;
    }

    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    public string Format(DateTime utc) => Local(utc).ToString("yyyy-MM-dd HH:mm");
    public string Format(DateTime? utc) => utc is { } t ? Format(t) : "–";
    public string FormatSeconds(DateTime utc) => Local(utc).ToString("yyyy-MM-dd HH:mm:ss");

    /// <summary>"in 12 min", "3 h 5 min ago": how far a time is from now.</summary>
    public static string Relative(DateTime utc, DateTime nowUtc)
    {
        var span = utc - nowUtc;
        return span >= TimeSpan.Zero ? $"in {Duration(span)}" : $"{Duration(span)} ago";
    }

    /// <summary>"45 s", "12 min", "3 h 5 min", "2 d 4 h"; "–" for none.</summary>
    public static string Duration(double? seconds) => seconds is { } s ? Duration(TimeSpan.FromSeconds(s)) : "–";

    public static string Duration(TimeSpan span)
    {
        var abs = span.Duration();
        return abs.TotalMinutes < 1 ? $"{abs.TotalSeconds:0} s" : abs.TotalHours < 1 ? $"{(int)abs.TotalMinutes} min"
            : abs.TotalDays < 1 ? $"{(int)abs.TotalHours} h {abs.Minutes} min" : $"{(int)abs.TotalDays} d {abs.Hours} h";
    }
}
