using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SocialCrm.Channels;
using SocialCrm.Channels.Generic;
using SocialCrm.Channels.Inbound;

namespace SocialCrm.Cli.Faults;

/// <summary>
/// Customers' posts as a listening tool delivers them: signed batches to the generic webhook from several clients at
/// once. A post counts as accepted only when its delivery was answered 200 (committed); anything else (the host
/// killed, the store down, a 503) is delivered again after a pause, as the platforms do, until it is accepted.
/// </summary>
public sealed class SignalLoad(Uri host, string source, string secret, string prefix, int signals, int copies = 1)
{
    public const int BatchSize = 5, Clients = 8;
    private static readonly string[] Texts =
    [
        "My order has not arrived and nobody answers my emails, this is terrible service",
        "The app keeps crashing when I try to pay, please help",
        "Is the winter jacket available in size M?",
        "Thank you for the quick delivery, great service as always!",
        "I was charged twice for the same order, I want a refund now",
        "How do I change the delivery address of my order?",
    ];

    private readonly ConcurrentDictionary<string, byte> _accepted = new();
    private int _next = -1;

    public IReadOnlyCollection<string> Accepted => (IReadOnlyCollection<string>)_accepted.Keys;
    public int Count => signals;
    public int Retried;

    public static string PostId(string prefix, int i) => $"{prefix}-{i}";

    public async Task RunAsync(CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients * copies }) { BaseAddress = host, Timeout = TimeSpan.FromSeconds(30) };
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            int batch;
            while ((batch = Interlocked.Increment(ref _next)) * BatchSize < signals)
            {
                var ids = Enumerable.Range(batch * BatchSize, Math.Min(BatchSize, signals - batch * BatchSize)).ToList();
                var body = Encoding.UTF8.GetBytes(Delivery(ids).ToJsonString());
                while (true)
                {
                    // The duplicates fault: the same delivery arrives several times at once, as a retrying platform may send it.
                    var answers = await Task.WhenAll(Enumerable.Range(0, copies).Select(_ => PostAsync(http, body, ct)));
                    if (answers.Any(a => a == HttpStatusCode.OK)) break;
                    if (answers.FirstOrDefault(a => (int)a is >= 400 and < 500 && a != HttpStatusCode.TooManyRequests) is var refused and not 0)
                        throw new InvalidOperationException($"the host refused a valid delivery with {(int)refused}");
                    Interlocked.Increment(ref Retried);
                    await Task.Delay(250, ct);
                }
                foreach (var i in ids) _accepted.TryAdd(PostId(prefix, i), 0);
            }
        }));
    }

    private async Task<HttpStatusCode> PostAsync(HttpClient http, byte[] body, CancellationToken ct)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/generic/{source}") { Content = content };
            request.Headers.Add(GenericWebhook.SignatureHeader, WebhookSignature.HexOf(body, secret));
            using var response = await http.SendAsync(request, ct);
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return HttpStatusCode.ServiceUnavailable; // the host is down (killed) or did not answer in time: deliver again
        }
    }

    private JsonArray Delivery(IEnumerable<int> ids) => new([.. ids.Select(i => (JsonNode)new JsonObject
    {
        ["platform"] = ChannelCapabilities.Platforms[i % ChannelCapabilities.Platforms.Length],
        ["postId"] = PostId(prefix, i),
        ["authorHandle"] = $"{prefix}.customer{i % 60}",
        ["authorId"] = $"{prefix}-author-{i % 60}",
        ["authorName"] = $"Customer {i % 60}",
        ["authorFollowers"] = i * 37 % 5000,
        ["text"] = $"{Texts[i % Texts.Length]} (#{i})",
        ["language"] = "en",
        ["postedAt"] = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("O"),
    })]);
}
