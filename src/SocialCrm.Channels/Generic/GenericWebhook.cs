using System.Text.Json;
using SocialCrm.Channels.Inbound;

namespace SocialCrm.Channels.Generic;

/// <summary>
/// Any other source (a review site, a listening tool) posts normalised signals: one JSON object or an array of them,
/// with the fields of <c>POST /api/signals</c> plus <c>authorId</c> and <c>action</c> (add, edit, remove; default add),
/// signed with the source's own secret in <see cref="SignatureHeader"/> (<c>sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c>).
/// </summary>
public static class GenericWebhook
{
    public const string SignatureHeader = "X-SocialCrm-Signature";
    public const int MaxItems = 500;

    public static IReadOnlyList<InboundItem> Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 }); }
        catch (JsonException j) { throw new WebhookFormatException($"the body is not valid JSON ({j.Message})"); }
        using (doc)
        {
            var root = doc.RootElement;
            var elements = root.ValueKind switch
            {
                JsonValueKind.Object => [root],
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                _ => throw new WebhookFormatException("the body is one signal (a JSON object) or an array of them"),
            };
            if (elements.Count == 0) throw new WebhookFormatException("the array holds no signal");
            if (elements.Count > MaxItems) throw new WebhookFormatException($"at most {MaxItems} signals per delivery; this one has {elements.Count}");
            return elements.Select((e, i) => Item(e, elements.Count == 1 && root.ValueKind == JsonValueKind.Object ? "$" : $"$[{i}]")).ToList();
        }
    }

    private static InboundItem Item(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new WebhookFormatException($"{path}: a signal is a JSON object");
        string? Text(string name)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new WebhookFormatException($"{path}.{name}: must be a string");
        }
        // Missing and empty fields are reported with every other problem of the delivery by the listen stage's check.
        string Required(string name) => Text(name) ?? "";

        var action = Text("action") switch
        {
            null or "add" => InboundAction.Add,
            "edit" => InboundAction.Edit,
            "remove" => InboundAction.Remove,
            var other => throw new WebhookFormatException($"{path}.action: '{other}' is not one of add, edit, remove"),
        };
        var followers = 0;
        if (e.TryGetProperty("authorFollowers", out var f) && f.ValueKind != JsonValueKind.Null)
            followers = f.ValueKind == JsonValueKind.Number && f.TryGetInt32(out var n) && n >= 0
                ? n : throw new WebhookFormatException($"{path}.authorFollowers: must be a whole number, 0 or more");
        var postedAt = Text("postedAt") is { } p
            ? DateTimeOffset.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t)
                ? t.UtcDateTime : throw new WebhookFormatException($"{path}.postedAt: '{p}' is not an ISO 8601 date and time")
            : default;
        return new InboundItem
        {
            Action = action,
            Platform = Required("platform").Trim().ToLowerInvariant(),
            PostId = Required("postId").Trim(),
            Kind = Text("kind") ?? "post",
            AuthorId = Text("authorId"),
            AuthorHandle = action == InboundAction.Remove ? Text("authorHandle") ?? "" : Required("authorHandle"),
            AuthorName = Text("authorName"),
            AuthorFollowers = followers,
            Text = action == InboundAction.Remove ? "" : Required("text"),
            Language = Text("language"),
            OccurredAt = postedAt,
            Url = Text("url"),
            InReplyToPostId = Text("inReplyToPostId"),
        };
    }
}
