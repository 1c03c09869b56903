namespace SocialCrm.Web.Workplace;

/// <summary>How stored names read on screen.</summary>
public static class Display
{
    /// <summary>"timed_out" -> "timed out", "awaiting_agent" -> "awaiting agent".</summary>
    public static string Words(string? value) => value?.Replace('_', ' ') ?? "";
}
