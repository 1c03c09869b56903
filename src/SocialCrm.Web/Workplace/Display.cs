namespace SocialCrm.Web.Workplace;

/// <summary>How stored names read on screen.</summary>
public static class Display
{
    /// <summary>"timed_out" -> "timed out", "awaiting_agent" -> "awaiting agent".</summary>
    public static string Words(string? value) => value?.Replace('_', ' ') ?? "";

    /// <summary>"@jane_doe"; nothing for a Meta author known only by a numeric id (it means nothing to a person).</summary>
    public static string Handle(string handle) => handle.Length == 0 || handle.All(char.IsAsciiDigit) ? "" : "@" + handle;

    /// <summary>The customer's name, or what we know of them when no name is on record.</summary>
    public static string Name(string? name, string platform, string handle) =>
        !string.IsNullOrWhiteSpace(name) ? name : Handle(handle) is { Length: > 0 } h ? h : $"a {platform} customer without a name on record";
}
