using System.Globalization;
using System.Text;
using System.Text.Json;
using SocialCrm.Channels.Inbound;

namespace SocialCrm.Channels.X;

/// <summary>
/// X's Account Activity API deliveries as items: <c>tweet_create_events</c> (mentions and replies, threaded by
/// <c>in_reply_to_status_id_str</c>, author from <c>user</c>), <c>direct_message_events</c> (authors from the
/// delivery's <c>users</c> map) and <c>tweet_delete_events</c>. What the subscribed account itself posted is left out.
/// </summary>
public static partial class XWebhook
{
    public const string SignatureHeader = "x-twitter-webhooks-signature";

    /// <summary>The challenge-response check X sends to the GET endpoint: <c>sha256=&lt;base64 HMAC-SHA256 of crc_token&gt;</c>.</summary>
    public static bool IsCrcToken(string token) => CrcToken().IsMatch(token);

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9+/=_-]{1,128}$")]
    private static partial System.Text.RegularExpressions.Regex CrcToken();

    public static string CrcResponse(string crcToken, string consumerSecret) => WebhookSignature.Base64Of(Encoding.UTF8.GetBytes(crcToken), consumerSecret);

    public static IReadOnlyList<InboundItem> Parse(ReadOnlyMemory<byte> body)
    {
        using var doc = Json.Parse(body, "X");
        var root = doc.RootElement;
        var account = root.Str("for_user_id");
        var items = new List<InboundItem>();
        foreach (var tweet in root.Arr("tweet_create_events"))
            if (Readable(() => Tweet(tweet, account)) is { } item) items.Add(item);
        foreach (var dm in root.Arr("direct_message_events"))
            if (Readable(() => DirectMessage(dm, root.Obj("users"), account)) is { } item) items.Add(item);
        foreach (var deletion in root.Arr("tweet_delete_events"))
        {
            var status = deletion.Obj("status");
            if (status.Str("id") is { } id)
                items.Add(new InboundItem
                {
                    Action = InboundAction.Remove, Platform = "x", PostId = id, AuthorId = status.Str("user_id"),
                    OccurredAt = deletion.Time("timestamp_ms") ?? DateTime.UtcNow,
                });
        }
        return items;
    }

    /// <summary>One event that lacks what X documents is left out with its reason; the rest of the delivery is stored.</summary>
    private static InboundItem? Readable(Func<InboundItem?> read)
    {
        try { return read(); }
        catch (WebhookFormatException e) { return InboundItem.Unusable("x", e.Message); }
    }

    private static InboundItem? Tweet(JsonElement tweet, string? account)
    {
        var user = tweet.Obj("user");
        var authorId = user.Str("id_str") ?? user.Str("id");
        if (authorId is not null && authorId == account) return null; // our own tweet or reply
        if (tweet.Has("retweeted_status")) return null; // a retweet repeats someone else's words
        var id = tweet.Str("id_str") ?? tweet.Str("id") ?? throw new WebhookFormatException("a tweet_create_event has no id_str");
        var handle = user.Str("screen_name") ?? authorId ?? "";
        var replyTo = tweet.Str("in_reply_to_status_id_str");
        return new InboundItem
        {
            Action = InboundAction.Add,
            Platform = "x",
            PostId = id,
            Kind = replyTo is null ? "post" : "comment",
            AuthorId = authorId,
            AuthorHandle = handle,
            AuthorName = user.Str("name"),
            AuthorFollowers = user.Int("followers_count"),
            // Tweets over 140 characters carry their whole text in extended_tweet.
            Text = tweet.Obj("extended_tweet").Str("full_text") ?? tweet.Str("full_text") ?? tweet.Str("text") ?? "",
            Language = tweet.Str("lang") is { Length: 2 or 3 } lang && lang.All(char.IsAsciiLetterLower) ? lang : null,
            OccurredAt = tweet.Time("timestamp_ms") ?? CreatedAt(tweet.Str("created_at")) ?? DateTime.UtcNow,
            Url = handle.Length > 0 ? $"https://x.com/{handle}/status/{id}" : null,
            InReplyToPostId = replyTo,
        };
    }

    private static InboundItem? DirectMessage(JsonElement dm, JsonElement users, string? account)
    {
        if (dm.Str("type") != "message_create") return null;
        var create = dm.Obj("message_create");
        var senderId = create.Str("sender_id");
        if (senderId is null || senderId == account) return null; // what we sent
        var id = dm.Str("id") ?? throw new WebhookFormatException("a direct_message_event has no id");
        var sender = users.Obj(senderId);
        return new InboundItem
        {
            Action = InboundAction.Add,
            Platform = "x",
            PostId = id,
            Kind = "direct_message",
            AuthorId = senderId,
            AuthorHandle = sender.Str("screen_name") ?? senderId,
            AuthorName = sender.Str("name"),
            AuthorFollowers = sender.Int("followers_count"),
            Text = create.Obj("message_data").Str("text") ?? "",
            OccurredAt = dm.Time("created_timestamp") ?? DateTime.UtcNow,
        };
    }

    /// <summary>X's v1.1 date: "Wed Oct 10 20:19:24 +0000 2018".</summary>
    private static DateTime? CreatedAt(string? s) =>
        DateTimeOffset.TryParseExact(s, "ddd MMM dd HH:mm:ss zzz yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t.UtcDateTime : null;
}
