using FluentValidation;
using SocialCrm.Channels.Inbound;
using SocialCrm.Domain.Text;
using SocialCrm.Stages.Listen.Ingest;

namespace SocialCrm.Stages.Listen.Webhooks;

/// <summary>A field of one delivered item that cannot be stored, by its JSON path.</summary>
public sealed record ItemProblem(string Path, string Message);

/// <summary>
/// What makes a delivered item storable: the rules of <see cref="SignalInputValidator"/>. Platform text longer
/// than we keep is cut (the platform accepted it, so refusing would only make the platform retry); everything
/// else that is wrong is a problem the caller either reports (generic sources: 400) or logs and skips (platforms).
/// </summary>
public static class InboundItemCheck
{
    public static InboundItem Clean(InboundItem item) => item with
    {
        Text = Cut(Scrub(item.Text), SignalInputValidator.MaxTextLength),
        AuthorName = item.AuthorName is null ? null : Cut(Scrub(item.AuthorName), 200),
        AuthorHandle = Scrub(item.AuthorHandle).Trim(),
        PostId = Scrub(item.PostId).Trim(),
    };

    /// <summary>The listen stage's rules for a signal (<see cref="SignalInputValidator"/>), with each problem at its path in the delivery.</summary>
    public static IEnumerable<ItemProblem> Problems(InboundItem item, string path, IValidator<SignalInput> validator)
    {
        var removal = item.Action == InboundAction.Remove; // a removal names the post only
        var input = new SignalInput
        {
            Platform = item.Platform, PostId = item.PostId, Kind = item.Kind, AuthorHandle = removal ? "-" : item.AuthorHandle, AuthorName = item.AuthorName,
            AuthorFollowers = item.AuthorFollowers, Text = removal ? "-" : item.Text, Language = item.Language,
            PostedAt = item.OccurredAt == default ? null : new DateTimeOffset(item.OccurredAt, TimeSpan.Zero), Url = item.Url, InReplyToPostId = item.InReplyToPostId,
        };
        foreach (var failure in validator.Validate(input).Errors) yield return new($"{path}.{failure.PropertyName}", failure.ErrorMessage);
        if (item.AuthorId is { Length: > 200 }) yield return new($"{path}.AuthorId", "must be at most 200 characters");
    }

    private static string Cut(string s, int max) => TextRules.Cut(s, max);

    private static string Scrub(string s) => TextRules.Clean(s);

}
