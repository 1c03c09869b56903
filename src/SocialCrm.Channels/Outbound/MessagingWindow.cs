namespace SocialCrm.Channels.Outbound;

/// <summary>
/// Meta's standard messaging window: a page or Instagram account may message a person only within 24 hours of
/// that person's last message to it. X has no such window.
/// </summary>
public static class MessagingWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(24);

    public static bool Applies(string platform) => platform is "facebook" or "instagram";

    /// <summary>Why a direct message cannot go now, in words, or null when it can.</summary>
    public static string? WhyClosed(string platform, DateTime? lastCustomerMessageAt, DateTime now)
    {
        if (!Applies(platform) || lastCustomerMessageAt is null) return null;
        var closes = lastCustomerMessageAt.Value + Length;
        return now < closes ? null
            : $"{Name(platform)} allows a business to message a person only within 24 hours of their last message; the window closed at {closes:yyyy-MM-dd HH:mm} UTC. Wait for the customer to write again, or answer where they posted publicly.";
    }

    private static string Name(string platform) => platform == "facebook" ? "Messenger" : "Instagram";
}
