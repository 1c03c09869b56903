using System.Text.RegularExpressions;
using SocialCrm.Channels;
using SocialCrm.Channels.Inbound;
using SocialCrm.Domain.Signals;
using SocialCrm.Stages.Listen.Ingest;

namespace SocialCrm.Stages.Listen.Webhooks;

/// <summary>A field of one delivered item that cannot be stored, by its JSON path.</summary>
public sealed record ItemProblem(string Path, string Message);

/// <summary>
/// What makes a delivered item storable: the same rules as <see cref="SignalInputValidator"/>. Platform text longer
/// than we keep is cut (the platform accepted it, so refusing would only make the platform retry); everything
/// else that is wrong is a problem the caller either reports (generic sources: 400) or logs and skips (platforms).
/// </summary>
public static partial class InboundItemCheck
{
    public static InboundItem Clean(InboundItem item) => item with
    {
        Text = Cut(Scrub(item.Text), SignalInputValidator.MaxTextLength),
        AuthorName = item.AuthorName is null ? null : Cut(Scrub(item.AuthorName), 200),
        AuthorHandle = Scrub(item.AuthorHandle).Trim(),
        PostId = Scrub(item.PostId).Trim(),
    };

    public static IEnumerable<ItemProblem> Problems(InboundItem item, string path, DateTime now)
    {
        if (item.Platform.Length == 0) yield return new($"{path}.platform", "is required");
        else if (!ChannelCapabilities.IsKnown(item.Platform))
            yield return new($"{path}.platform", $"'{item.Platform}' is not a supported platform (supported: {string.Join(", ", ChannelCapabilities.Platforms)})");
        if (item.PostId.Length is 0 or > 200) yield return new($"{path}.postId", "must be 1 to 200 characters");
        if (item.InReplyToPostId is { Length: > 200 }) yield return new($"{path}.inReplyToPostId", "must be at most 200 characters");
        if (item.AuthorId is { Length: > 200 }) yield return new($"{path}.authorId", "must be at most 200 characters");
        if (item.Action == InboundAction.Remove) yield break;
        if (!SignalKinds.All.Contains(item.Kind)) yield return new($"{path}.kind", $"'{item.Kind}' is not a signal kind (kinds: {string.Join(", ", SignalKinds.All)})");
        if (item.AuthorHandle.Length is 0 or > 200) yield return new($"{path}.authorHandle", "must be 1 to 200 characters");
        if (string.IsNullOrWhiteSpace(item.Text)) yield return new($"{path}.text", "is empty");
        if (item.Language is not null && !Language().IsMatch(item.Language)) yield return new($"{path}.language", "must be an ISO 639 code such as en or fi");
        if (item.OccurredAt > now.AddMinutes(5)) yield return new($"{path}.postedAt", "lies in the future");
        if (item.OccurredAt == default) yield return new($"{path}.postedAt", "is required");
        else if (item.OccurredAt.Year < 2000) yield return new($"{path}.postedAt", "lies before the year 2000");
        if (item.Url is not null && !(Uri.TryCreate(item.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return new($"{path}.url", "must be an absolute http(s) URL");
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];

    /// <summary>NUL cannot be stored in PostgreSQL text and means nothing in a post.</summary>
    private static string Scrub(string s) => s.Contains('\0') ? s.Replace("\0", "") : s;

    [GeneratedRegex("^[a-z]{2,3}$")]
    private static partial Regex Language();
}
