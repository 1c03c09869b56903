using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Messaging;
using SocialCrm.Channels;
using SocialCrm.Channels.Generic;
using SocialCrm.Channels.Inbound;
using SocialCrm.Channels.Meta;
using SocialCrm.Channels.X;
using SocialCrm.Stages.Listen.Webhooks;

namespace SocialCrm.Web.Api;

/// <summary>
/// The platforms' webhooks. Anonymous at the HTTP level: each delivery is authenticated by its signature over the
/// raw body instead, and refused with 401 (logged, nothing stored) when that is missing or wrong. 200 means every
/// item of the delivery is committed; a channel without its secret is off and answers 404.
/// </summary>
public static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this WebApplication app)
    {
        var channels = app.Services.GetRequiredService<ChannelOptions>();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SocialCrm.Webhooks");
        SayWhichChannelsAreOn(channels, log);
        var hooks = app.MapGroup("/webhooks").AllowAnonymous().WithTags("Webhooks");

        hooks.MapGet("/meta", (HttpRequest request) =>
        {
            if (!channels.Meta.Enabled) return Off("Meta", "SocialCrm:Channels:Meta:AppSecret and SocialCrm:Channels:Meta:VerifyToken");
            var q = request.Query;
            if (q["hub.mode"] == "subscribe" && WebhookSignature.SameText(q["hub.verify_token"], channels.Meta.VerifyToken!) && q["hub.challenge"] is [{ Length: > 0 } challenge])
                return Results.Text(challenge, "text/plain");
            log.LogWarning("Meta verification refused from {Address}: wrong mode or verify token", request.HttpContext.Connection.RemoteIpAddress);
            return Results.Problem("the verify token or mode does not match this subscription", statusCode: StatusCodes.Status403Forbidden);
        })
        .WithSummary("Meta's subscription handshake: hub.challenge back when hub.verify_token matches");

        hooks.MapPost("/meta", async (HttpRequest request, IngestDeliveryHandler handler, CancellationToken ct) =>
        {
            if (!channels.Meta.Enabled) return Off("Meta", "SocialCrm:Channels:Meta:AppSecret and SocialCrm:Channels:Meta:VerifyToken");
            return await ReceiveAsync(new("Meta", MetaWebhook.SignatureHeader, (h, b) => WebhookSignature.HexMatches(h, b, channels.Meta.AppSecret!), MetaWebhook.Parse, Strict: false),
                request, handler, channels.MaxBodyBytes, log, ct);
        })
        .WithSummary("Meta deliveries: Page feed, Instagram comments and mentions, Messenger and Instagram messages (signed X-Hub-Signature-256)");

        hooks.MapGet("/x", (HttpRequest request) =>
        {
            if (!channels.X.Enabled) return Off("X", "SocialCrm:Channels:X:ConsumerSecret");
            // Only a token shaped like X's: signing anything else would hand out a valid signature for a forged body.
            if (request.Query["crc_token"] is not [{ } token] || !XWebhook.IsCrcToken(token))
                return Results.Problem("crc_token is missing or not a token: X's challenge-response check sends up to 128 letters, digits and -_=+/", statusCode: StatusCodes.Status400BadRequest);
            return Results.Json(new Dictionary<string, string> { ["response_token"] = XWebhook.CrcResponse(token, channels.X.ConsumerSecret!) });
        })
        .WithSummary("X's challenge-response check (CRC)");

        hooks.MapPost("/x", async (HttpRequest request, IngestDeliveryHandler handler, CancellationToken ct) =>
        {
            if (!channels.X.Enabled) return Off("X", "SocialCrm:Channels:X:ConsumerSecret");
            return await ReceiveAsync(new("X", XWebhook.SignatureHeader, (h, b) => WebhookSignature.Base64Matches(h, b, channels.X.ConsumerSecret!), XWebhook.Parse, Strict: false),
                request, handler, channels.MaxBodyBytes, log, ct);
        })
        .WithSummary("X Account Activity deliveries: tweets, direct messages, deletions (signed x-twitter-webhooks-signature)");

        hooks.MapPost("/generic/{source}", async (string source, HttpRequest request, IngestDeliveryHandler handler, CancellationToken ct) =>
        {
            if (!channels.Generic.TryGetValue(source, out var options) || string.IsNullOrEmpty(options.Secret))
                return Off($"source '{source}'", $"SocialCrm:Channels:Generic:{source}:Secret");
            return await ReceiveAsync(new(source, GenericWebhook.SignatureHeader, (h, b) => WebhookSignature.HexMatches(h, b, options.Secret), GenericWebhook.Parse, Strict: true),
                request, handler, channels.MaxBodyBytes, log, ct);
        })
        .WithSummary("Normalised signals from any other source, signed with the source's secret (X-SocialCrm-Signature: sha256=<hex>)");
    }

    private delegate bool SignatureCheck(string header, ReadOnlySpan<byte> body);

    /// <summary>How one channel's deliveries are told apart and read; strict channels refuse a delivery with any bad item.</summary>
    private sealed record Channel(string Name, string SignatureHeader, SignatureCheck Signed, Func<ReadOnlyMemory<byte>, IReadOnlyList<InboundItem>> Parse, bool Strict);

    /// <summary>The raw body, its signature checked before anything of it is read, then every item stored in one commit.</summary>
    private static async Task<IResult> ReceiveAsync(Channel channel, HttpRequest request, IngestDeliveryHandler handler, int maxBytes, ILogger log, CancellationToken ct)
    {
        var body = await RawBody.ReadAsync(request, maxBytes, ct);
        var header = request.Headers[channel.SignatureHeader].ToString();
        if (!channel.Signed(header, body.Span))
        {
            StageMetrics.CountDelivery(channel.Name, "unsigned");
            return Refused(log, channel.Name, channel.SignatureHeader, header, request, body.Length);
        }
        // Text that breaks TextRules: a source we integrate with is told which field (400); a platform's delivery is
        // cleaned by the same rule, since its users' posts were accepted there and a refusal would only be retried.
        if (channel.Strict && JsonText.FindProblem(body.Span) is { } problem)
        {
            StageMetrics.CountDelivery(channel.Name, "invalid");
            return Results.ValidationProblem(new Dictionary<string, string[]> { [problem.Path] = [problem.Message] }, title: "The delivery holds text that is not valid.");
        }
        if (!channel.Strict) body = JsonText.Clean(body);
        IReadOnlyList<InboundItem> items;
        try
        {
            items = channel.Parse(body);
        }
        catch (WebhookFormatException)
        {
            StageMetrics.CountDelivery(channel.Name, "invalid");
            throw;
        }
        DeliveryResult result;
        try
        {
            result = await handler.HandleAsync(items, channel.Strict, ct);
        }
        catch (Exception e) when (StoreFailures.IsTransient(e))
        {
            StageMetrics.CountDelivery(channel.Name, "unavailable");
            throw;
        }
        StageMetrics.CountDelivery(channel.Name, "stored");
        return Stored(log, channel.Name, result);
    }

    private static void SayWhichChannelsAreOn(ChannelOptions channels, ILogger log)
    {
        if (channels.Meta.Enabled) log.LogInformation("Meta webhooks are on at /webhooks/meta");
        else log.LogInformation("Meta webhooks are off: set SocialCrm:Channels:Meta:AppSecret and SocialCrm:Channels:Meta:VerifyToken to switch them on");
        if (channels.X.Enabled) log.LogInformation("X webhooks are on at /webhooks/x");
        else log.LogInformation("X webhooks are off: set SocialCrm:Channels:X:ConsumerSecret to switch them on");
        foreach (var (name, source) in channels.Generic)
            if (string.IsNullOrEmpty(source.Secret)) log.LogWarning("Webhook source '{Source}' is off: SocialCrm:Channels:Generic:{Source}:Secret is not set", name, name);
            else log.LogInformation("Webhook source '{Source}' is on at /webhooks/generic/{Source}", name, name);
    }

    private static IResult Off(string channel, string settings) =>
        Results.Problem($"the {channel} channel is off: set {settings} to switch it on", statusCode: StatusCodes.Status404NotFound);

    private static IResult Refused(ILogger log, string channel, string headerName, string header, HttpRequest request, int bytes)
    {
        var why = string.IsNullOrEmpty(header) ? $"the {headerName} header is missing" : $"the {headerName} header does not match the body";
        log.LogWarning("{Channel} delivery refused ({Why}): {Bytes} bytes from {Address}; nothing stored", channel, why, bytes, request.HttpContext.Connection.RemoteIpAddress);
        return Results.Problem($"{why}: a delivery must be signed with the channel's secret", statusCode: StatusCodes.Status401Unauthorized);
    }

    private static IResult Stored(ILogger log, string channel, DeliveryResult result)
    {
        if (result.Skipped > 0)
            log.LogWarning("{Channel} delivery: {Skipped} item(s) left out: {Problems}", channel, result.Skipped,
                string.Join("; ", result.Problems.Select(p => $"{p.Path}: {p.Message}")));
        return Results.Ok(new { result.Accepted, result.Duplicates, result.Edited, result.Removed, result.Skipped });
    }
}
