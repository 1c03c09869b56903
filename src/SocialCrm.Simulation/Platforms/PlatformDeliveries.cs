using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SocialCrm.Channels.Inbound;

namespace SocialCrm.Simulation.Platforms;

/// <summary>
/// Webhook deliveries shaped as the platforms document them (Meta's Graph API Webhooks, X's Account Activity API),
/// signed as they sign them: what the simulator, the tests and the bench send to /webhooks/*.
/// </summary>
public static class PlatformDeliveries
{
    public const string PageId = "1067280970047460", InstagramAccountId = "17841405309211844", XAccountId = "2244994945";

    private static long Seconds(DateTimeOffset t) => t.ToUnixTimeSeconds();
    private static long Millis(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    /// <summary>A Page feed change: <c>item</c> status (a visitor's post) or comment, <c>verb</c> add, edited or remove.</summary>
    public static JsonObject FeedChange(string item, string verb, string postId, string? commentId, string? parentId, string fromId, string fromName, string message, DateTimeOffset at) =>
        new()
        {
            ["field"] = "feed",
            ["value"] = new JsonObject
            {
                ["from"] = new JsonObject { ["id"] = fromId, ["name"] = fromName },
                ["item"] = item,
                ["verb"] = verb,
                ["post_id"] = postId,
                ["comment_id"] = commentId,
                ["parent_id"] = parentId,
                ["message"] = message,
                ["created_time"] = Seconds(at),
                ["published"] = 1,
            },
        };

    /// <summary>An Instagram <c>comments</c> change on one of the account's media.</summary>
    public static JsonObject InstagramComment(string commentId, string mediaId, string? parentId, string fromId, string username, string text) =>
        new()
        {
            ["field"] = "comments",
            ["value"] = new JsonObject
            {
                ["from"] = new JsonObject { ["id"] = fromId, ["username"] = username },
                ["media"] = new JsonObject { ["id"] = mediaId, ["media_product_type"] = "FEED" },
                ["id"] = commentId,
                ["parent_id"] = parentId,
                ["text"] = text,
            },
        };

    /// <summary>A <c>messaging</c> event: a customer's message to the page or account.</summary>
    public static JsonObject Message(string senderId, string recipientId, string mid, string text, DateTimeOffset at, string? replyToMid = null) =>
        new()
        {
            ["sender"] = new JsonObject { ["id"] = senderId },
            ["recipient"] = new JsonObject { ["id"] = recipientId },
            ["timestamp"] = Millis(at),
            ["message"] = new JsonObject
            {
                ["mid"] = mid,
                ["text"] = text,
                ["reply_to"] = replyToMid is null ? null : new JsonObject { ["mid"] = replyToMid },
            },
        };

    /// <summary>A Meta delivery: <c>object</c> page or instagram, one entry for the page or account, with changes and messaging events.</summary>
    public static JsonObject Meta(string @object, DateTimeOffset at, IEnumerable<JsonObject>? changes = null, IEnumerable<JsonObject>? messaging = null)
    {
        var entry = new JsonObject { ["id"] = @object == "page" ? PageId : InstagramAccountId, ["time"] = Seconds(at) };
        if (changes is not null) entry["changes"] = new JsonArray(changes.Select(JsonNode (c) => c).ToArray());
        if (messaging is not null) entry["messaging"] = new JsonArray(messaging.Select(JsonNode (m) => m).ToArray());
        return new JsonObject { ["object"] = @object, ["entry"] = new JsonArray(entry) };
    }

    /// <summary>An X user object as the v1.1 payloads carry it.</summary>
    public static JsonObject XUser(string id, string screenName, string name, int followers) =>
        new() { ["id"] = long.Parse(id), ["id_str"] = id, ["name"] = name, ["screen_name"] = screenName, ["followers_count"] = followers };

    /// <summary>A <c>tweet_create_events</c> delivery: a mention, or a reply when <paramref name="inReplyTo"/> is set.</summary>
    public static JsonObject XTweet(string id, JsonObject user, string text, DateTimeOffset at, string? inReplyTo = null) =>
        new()
        {
            ["for_user_id"] = XAccountId,
            ["tweet_create_events"] = new JsonArray(new JsonObject
            {
                ["created_at"] = at.UtcDateTime.ToString("ddd MMM dd HH:mm:ss +0000 yyyy", System.Globalization.CultureInfo.InvariantCulture),
                ["id"] = long.Parse(id),
                ["id_str"] = id,
                ["text"] = text,
                ["in_reply_to_status_id_str"] = inReplyTo,
                ["in_reply_to_user_id_str"] = inReplyTo is null ? null : XAccountId,
                ["user"] = user,
                ["lang"] = "en",
                ["timestamp_ms"] = Millis(at).ToString(System.Globalization.CultureInfo.InvariantCulture),
            }),
        };

    /// <summary>A <c>direct_message_events</c> delivery with its <c>users</c> map.</summary>
    public static JsonObject XDirectMessage(string id, JsonObject sender, string text, DateTimeOffset at) =>
        new()
        {
            ["for_user_id"] = XAccountId,
            ["direct_message_events"] = new JsonArray(new JsonObject
            {
                ["type"] = "message_create",
                ["id"] = id,
                ["created_timestamp"] = Millis(at).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["message_create"] = new JsonObject
                {
                    ["target"] = new JsonObject { ["recipient_id"] = XAccountId },
                    ["sender_id"] = sender["id_str"]!.GetValue<string>(),
                    ["message_data"] = new JsonObject { ["text"] = text, ["entities"] = new JsonObject() },
                },
            }),
            ["users"] = new JsonObject { [sender["id_str"]!.GetValue<string>()] = sender.DeepClone() },
        };

    public static byte[] Bytes(JsonNode delivery) => Encoding.UTF8.GetBytes(delivery.ToJsonString(new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never }));

    /// <summary>Meta's X-Hub-Signature-256 value for a body.</summary>
    public static string MetaSignature(byte[] body, string appSecret) => WebhookSignature.HexOf(body, appSecret);

    /// <summary>X's x-twitter-webhooks-signature value for a body.</summary>
    public static string XSignature(byte[] body, string consumerSecret) => WebhookSignature.Base64Of(body, consumerSecret);
}
