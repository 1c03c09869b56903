using System.Text.Json;
using SocialCrm.Channels.Inbound;

namespace SocialCrm.Channels.Meta;

/// <summary>
/// Meta's webhook deliveries (Graph API Webhooks) as items: Facebook Page <c>feed</c> changes (posts, comments and
/// replies; verbs add, edited, remove), Instagram <c>comments</c> and <c>mentions</c>, and <c>messaging</c> events
/// (Messenger and Instagram direct messages, their edits and unsends). What the page or account itself wrote
/// (our own replies, echoes) and what is not customer text (reactions, likes, read receipts) is left out.
/// </summary>
public static class MetaWebhook
{
    public const string SignatureHeader = "X-Hub-Signature-256";

    public static IReadOnlyList<InboundItem> Parse(ReadOnlyMemory<byte> body)
    {
        using var doc = Json.Parse(body, "Meta");
        var root = doc.RootElement;
        var platform = root.Str("object") switch
        {
            "page" => "facebook",
            "instagram" => "instagram",
            null => throw new WebhookFormatException("'object' is missing: Meta names the object, page or instagram"),
            var other => throw new WebhookFormatException($"'object' is '{other}': this endpoint takes page and instagram deliveries"),
        };
        var items = new List<InboundItem>();
        var index = 0;
        foreach (var entry in root.Arr("entry"))
        {
            var ownId = entry.Str("id");
            var entryTime = entry.Time("time");
            foreach (var change in entry.Arr("changes"))
            {
                var value = change.Obj("value");
                var item = Readable(platform, () => (platform, change.Str("field")) switch
                {
                    ("facebook", "feed") => FeedItem(value, ownId, entryTime),
                    ("instagram", "comments") => InstagramComment(value, ownId, entryTime),
                    ("instagram", "mentions") => InstagramMention(value, entryTime),
                    _ => null,
                });
                if (item is not null) items.Add(item);
            }
            foreach (var messaging in entry.Arr("messaging"))
                if (Readable(platform, () => MessagingItem(platform, messaging, ownId, entryTime)) is { } item) items.Add(item);
            index++;
        }
        if (index == 0) throw new WebhookFormatException("'entry' is missing or empty: a Meta delivery carries at least one entry");
        return items;
    }

    /// <summary>One item that lacks what the platform documents is left out with its reason; the rest of the delivery is stored.</summary>
    private static InboundItem? Readable(string platform, Func<InboundItem?> read)
    {
        try { return read(); }
        catch (WebhookFormatException e) { return InboundItem.Unusable(platform, e.Message); }
    }

    /// <summary>A page feed change: a post on the page or a comment (or reply to a comment) on one of its posts.</summary>
    private static InboundItem? FeedItem(JsonElement value, string? pageId, DateTime? entryTime)
    {
        var kind = value.Str("item") switch
        {
            "comment" => "comment",
            "status" or "post" or "photo" or "video" or "share" => "post",
            _ => null, // reactions, likes, events: not customer text
        };
        if (kind is null) return null;
        var from = value.Obj("from");
        var authorId = from.Str("id");
        if (authorId is not null && authorId == pageId) return null; // the page's own post or reply
        var postId = kind == "comment" ? value.Str("comment_id") : value.Str("post_id");
        if (postId is null) throw new WebhookFormatException($"a feed {value.Str("item")} has no {(kind == "comment" ? "comment_id" : "post_id")}");
        var action = Verb(value.Str("verb"));
        if (action is null) return null;
        return new InboundItem
        {
            Action = action.Value,
            Platform = "facebook",
            PostId = postId,
            Kind = kind,
            AuthorId = authorId,
            AuthorHandle = authorId ?? "",
            AuthorName = from.Str("name"),
            Text = value.Str("message") ?? "",
            OccurredAt = value.Time("created_time") ?? entryTime ?? DateTime.UtcNow,
            // A top-level comment's parent is the post; a reply's parent is the comment it answers.
            InReplyToPostId = kind == "comment" ? value.Str("parent_id") ?? value.Str("post_id") : null,
        };
    }

    private static InboundItem? InstagramComment(JsonElement value, string? accountId, DateTime? entryTime)
    {
        var from = value.Obj("from");
        var authorId = from.Str("id");
        if (authorId is not null && authorId == accountId) return null; // the account's own reply
        return new InboundItem
        {
            Action = InboundAction.Add,
            Platform = "instagram",
            PostId = value.Str("id") ?? throw new WebhookFormatException("an Instagram comment has no id"),
            Kind = "comment",
            AuthorId = authorId,
            AuthorHandle = from.Str("username") ?? authorId ?? "",
            Text = value.Str("text") ?? "",
            OccurredAt = value.Time("timestamp") ?? entryTime ?? DateTime.UtcNow,
            // A reply's parent is the comment it answers; a top-level comment belongs to the media.
            InReplyToPostId = value.Str("parent_id") ?? value.Obj("media").Str("id"),
        };
    }

    /// <summary>
    /// A mention of the account in someone's comment or caption. Meta sends only the ids; the text and author are
    /// read from the Graph API before the item is stored (<see cref="InboundItem.NeedsLookup"/>).
    /// </summary>
    private static InboundItem InstagramMention(JsonElement value, DateTime? entryTime)
    {
        var mediaId = value.Str("media_id") ?? throw new WebhookFormatException("an Instagram mention has no media_id");
        var commentId = value.Str("comment_id");
        return new InboundItem
        {
            Action = InboundAction.Add,
            Platform = "instagram",
            PostId = commentId ?? mediaId,
            Kind = commentId is null ? "post" : "comment",
            Text = "",
            OccurredAt = entryTime ?? DateTime.UtcNow,
            InReplyToPostId = commentId is null ? null : mediaId,
            NeedsLookup = true,
        };
    }

    /// <summary>A direct message (Messenger or Instagram), its edit, or its unsend.</summary>
    private static InboundItem? MessagingItem(string platform, JsonElement e, string? ownId, DateTime? entryTime)
    {
        var senderId = e.Obj("sender").Str("id");
        if (senderId is null || senderId == ownId) return null;
        var at = e.Time("timestamp") ?? entryTime ?? DateTime.UtcNow;
        if (e.Obj("message_edit") is { ValueKind: JsonValueKind.Object } edit && edit.Str("mid") is { } editedId)
            return Message(platform, InboundAction.Edit, editedId, senderId, edit.Str("text") ?? "", at, null);
        var message = e.Obj("message");
        if (message.ValueKind != JsonValueKind.Object || message.Flag("is_echo")) return null;
        var mid = message.Str("mid") ?? throw new WebhookFormatException("a message has no mid");
        if (message.Flag("is_deleted")) return Message(platform, InboundAction.Remove, mid, senderId, "", at, null);
        var text = message.Str("text");
        if (string.IsNullOrWhiteSpace(text))
        {
            // An attachment without words still asks for an answer; say what it was.
            var types = message.Arr("attachments").Select(a => a.Str("type")).OfType<string>().Distinct().ToArray();
            if (types.Length == 0) return null;
            text = $"[sent {string.Join(", ", types)}]";
        }
        return Message(platform, InboundAction.Add, mid, senderId, text, at, message.Obj("reply_to").Str("mid"));
    }

    private static InboundItem Message(string platform, InboundAction action, string mid, string senderId, string text, DateTime at, string? replyTo) => new()
    {
        Action = action,
        Platform = platform,
        PostId = mid,
        Kind = "direct_message",
        AuthorId = senderId,
        AuthorHandle = senderId, // Meta sends only the scoped id; the name needs a profile read
        Text = text,
        OccurredAt = at,
        InReplyToPostId = replyTo,
    };

    private static InboundAction? Verb(string? verb) => verb switch
    {
        "add" or null => InboundAction.Add,
        "edited" or "edit" or "update" => InboundAction.Edit,
        "remove" or "delete" or "hide" => InboundAction.Remove,
        _ => null,
    };
}
