using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Messaging;

namespace SocialCrm.Stages.Messaging;

/// <summary>
/// The error pipe of every stage endpoint, in place of MassTransit's (a Fault event and a move to a *_error queue):
/// a message that still fails after its retries is written to FailedMessages with its error and acknowledged, so it
/// is listed and replayable in one place on either transport (not in a RabbitMQ queue nobody reads, nor lost with
/// the in-memory one). Writing it is retried while the store is out of reach; if that never succeeds the message is
/// not acknowledged, so the broker delivers it again (in memory: the next start sends it again).
/// </summary>
public sealed class FailedMessageFilter(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<FailedMessageFilter> log) : IFilter<ExceptionReceiveContext>
{
    private static readonly TimeSpan RecordFor = TimeSpan.FromMinutes(10);

    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested || StoppedUnderIt(context.Exception))
        {
            // The process is stopping, not the message failing: leave it unacknowledged (the broker delivers it
            // again; in memory, the next start re-drives it) instead of parking a healthy message for an admin.
            log.LogInformation("{MessageId} was interrupted by the process stopping; it is delivered again on the next start", context.GetMessageId());
            throw new OperationCanceledException("the process is stopping", context.Exception);
        }
        var (type, body) = Envelope(context.Body.GetString());
        var failed = new FailedMessage
        {
            MessageId = context.GetMessageId(),
            MessageType = type ?? "unknown",
            Body = body,
            Error = Describe(context.Exception),
            FailedAt = clock.GetUtcNow().UtcDateTime,
        };
        log.LogError(context.Exception, "{Type} {MessageId} failed after its retries; kept for an admin to replay", failed.MessageType, failed.MessageId);
        await RecordAsync(failed, context.Exception, context.CancellationToken);
        await next.Send(context);
    }

    private static bool StoppedUnderIt(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
            if (e is ObjectDisposedException) return true;
        return false;
    }

    /// <summary>The contract and the message out of MassTransit's JSON envelope ("messageType": ["urn:message:Namespace:Name"], "message": {…}).</summary>
    private static (string? Type, string Body) Envelope(string envelope)
    {
        try
        {
            using var json = JsonDocument.Parse(envelope);
            var root = json.RootElement;
            var type = root.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array
                ? types.EnumerateArray().Select(t => t.GetString()?.Replace("urn:message:", "").Replace(':', '.'))
                    .FirstOrDefault(t => t is not null && MessageTypes.All.Any(c => c.FullName == t))
                : null;
            return (type, root.TryGetProperty("message", out var message) ? message.GetRawText() : envelope);
        }
        catch (JsonException)
        {
            return (null, envelope);
        }
    }

    private async Task RecordAsync(FailedMessage failed, Exception failure, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + RecordFor;
        for (var wait = TimeSpan.FromSeconds(1); ; wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(30).Ticks)))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
                // A redelivery of a message already parked (the process died before acknowledging it) is parked once.
                if (failed.MessageId is { } id && await db.FailedMessages.AnyAsync(m => m.MessageId == id && m.ReplayedAt == null, ct)) return;
                db.FailedMessages.Add(failed);
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (Exception e) when (clock.GetUtcNow() + wait < deadline && !ct.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested && !StoppedUnderIt(e))
            {
                log.LogWarning(e, "could not keep failed message {MessageId} yet; trying again in {Wait}", failed.MessageId, wait);
                await Task.Delay(wait, ct);
            }
            catch (Exception e)
            {
                throw new AggregateException("the failed message could not be kept in the store", failure, e);
            }
        }
    }

    /// <summary>What went wrong, in the exceptions' own words, outermost first.</summary>
    private static string Describe(Exception failure)
    {
        var messages = new List<string>();
        for (Exception? e = failure; e is not null; e = e.InnerException)
            if (!messages.Contains(e.Message)) messages.Add(e.Message);
        return string.Join(" | ", messages);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("failedMessages");
}
