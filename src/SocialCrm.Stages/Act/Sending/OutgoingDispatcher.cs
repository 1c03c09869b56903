using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SocialCrm.Channels.Outbound;
using SocialCrm.Domain.Cases;
using SocialCrm.Domain.Customers;
using SocialCrm.Persistence;
using Polly.CircuitBreaker;
using Polly.Timeout;
using SocialCrm.Persistence.Configuration;

using SocialCrm.Domain.Workplace;

namespace SocialCrm.Stages.Act.Sending;

/// <summary>
/// Sends queued messages to their platforms after the act stage committed them. Each message is claimed (queued to
/// sending) in its own commit before the HTTP call, so two processes never send one message, and a message found
/// "sending" after a crash is marked failed for the agent to check rather than sent a second time. A platform's
/// long rate limit re-queues the message until the time it gave; a refusal fails it with the reason in words, on
/// the case's timeline. Meta's 24-hour messaging window is checked before every direct message.
/// </summary>
public sealed class OutgoingDispatcher(IServiceScopeFactory scopes, StoreWriteGate gate, TimeProvider clock, ILogger<OutgoingDispatcher> log) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Longer than any send can take with its retries and waits: a claim this old was interrupted.</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var nextStaleCheck = DateTime.MinValue;
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (clock.GetUtcNow().UtcDateTime >= nextStaleCheck)
                    {
                        await FailInterruptedAsync(stoppingToken);
                        nextStaleCheck = clock.GetUtcNow().UtcDateTime.AddMinutes(1);
                    }
                    if (await SendDueAsync(stoppingToken) == 0) await Task.Delay(PollInterval, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogWarning(e, "Sending queued messages failed; trying again");
                    await Task.Delay(PollInterval * 4, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>
    /// A message left "sending" by a crash may or may not have reached the platform: say so instead of guessing.
    /// Only claims older than <see cref="StaleClaim"/>: another process may be sending the younger ones right now.
    /// </summary>
    public async Task FailInterruptedAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        var stale = clock.GetUtcNow().UtcDateTime - StaleClaim;
        var interrupted = await db.OutgoingMessages.Where(m => m.Status == SendStatus.Sending && m.SendingSince < stale).ToListAsync(ct);
        if (interrupted.Count == 0) return;
        foreach (var message in interrupted)
            Fail(db, message, "the sender stopped while this was being sent: check on the platform whether it arrived before answering again");
        await NotifyAgentsAsync(db, interrupted, ct);
        using var _ = await gate.EnterAsync(ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Sends what is due; returns how many messages it tried.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<CrmDbContext>().OutgoingMessages.AsNoTracking()
                .Where(m => m.Status == SendStatus.Queued && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
                .OrderBy(m => m.SentAt).Select(m => m.Id).Take(16).ToListAsync(ct);
        }
        foreach (var id in due) await SendOneAsync(id, ct);
        return due.Count;
    }

    private async Task SendOneAsync(Guid id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        int claimed;
        using (await gate.EnterAsync(ct))
            claimed = await db.OutgoingMessages.Where(m => m.Id == id && m.Status == SendStatus.Queued)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, SendStatus.Sending).SetProperty(m => m.Attempts, m => m.Attempts + 1)
                    .SetProperty(m => m.SendingSince, clock.GetUtcNow().UtcDateTime), ct);
        if (claimed == 0) return; // another process took it
        var message = await db.OutgoingMessages.SingleAsync(m => m.Id == id, ct);

        var client = scope.ServiceProvider.GetServices<IPlatformClient>().FirstOrDefault(c => c.Platforms.Contains(message.Platform));
        if (client is null)
            Fail(db, message, $"{message.Platform} has no sender configured any more");
        else if (await scope.ServiceProvider.GetRequiredService<ReplyRules>().WhyNotAsync(message.Platform, message.Private, message.RecipientId, message.Recipient, ct) is { } why)
            Fail(db, message, why);
        else
        {
            try
            {
                var sent = await client.SendAsync(new PlatformSend(message.Kind, message.Platform, message.Text, message.Private, message.RecipientId, message.ReplyToPostId), ct);
                message.Status = SendStatus.Sent;
                message.PlatformMessageId = sent.PlatformMessageId;
                message.SentAt = clock.GetUtcNow().UtcDateTime;
                message.Error = null;
            }
            catch (PlatformSendException e) when (e.RetryAt is { } retryAt)
            {
                message.Status = SendStatus.Queued;
                message.NextAttemptAt = retryAt;
                message.Error = e.Message;
                log.LogInformation("{Platform} asked us to wait until {RetryAt:O}; message {Id} waits", message.Platform, retryAt, message.Id);
            }
            catch (BrokenCircuitException)
            {
                // The platform failed many times in a row; the circuit opens for a while. Not this message's fault: it waits.
                message.Status = SendStatus.Queued;
                message.NextAttemptAt = clock.GetUtcNow().UtcDateTime.AddSeconds(30);
                message.Error = $"{message.Platform} failed too often in a row; trying again shortly";
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // Whatever else went wrong, the message must not stay "sending": it fails, with the reason on the case.
                Fail(db, message, e switch
                {
                    PlatformSendException => e.Message,
                    HttpRequestException => $"{message.Platform} could not be reached: {e.Message}",
                    TimeoutRejectedException or OperationCanceledException => $"{message.Platform} did not answer in time",
                    _ => $"{message.Platform} answered in a way we could not read ({e.Message})",
                });
            }
        }
        if (message.Status == SendStatus.Failed) await NotifyAgentsAsync(db, [message], CancellationToken.None);
        // What the platform did is recorded even while stopping, and a save that fails once is tried again: a sent
        // message left "sending" would be reported as interrupted.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using (await gate.EnterAsync(CancellationToken.None))
                    await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (DbUpdateException e) when (attempt < 3)
            {
                log.LogWarning(e, "Recording what {Platform} did with message {Id} failed; trying again", message.Platform, message.Id);
                await Task.Delay(500 * attempt, CancellationToken.None);
            }
        }
    }

    /// <summary>The agent who acted on each case hears that what they sent did not go (with the failure, in one save).</summary>
    private async Task NotifyAgentsAsync(CrmDbContext db, IReadOnlyList<OutgoingMessage> failed, CancellationToken ct)
    {
        var cases = failed.Select(m => m.CaseId).Distinct().ToList();
        var agents = await db.AgentActions.AsNoTracking().Where(a => cases.Contains(a.CaseId)).ToDictionaryAsync(a => a.CaseId, a => a.Agent, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var m in failed)
            if (agents.TryGetValue(m.CaseId, out var agent))
                db.Notifications.Add(new Notification
                {
                    UserName = agent, Kind = NotificationKinds.SendFailed, CaseId = m.CaseId, CreatedAt = now,
                    Text = Domain.Text.TextRules.Cut($"{(m.Kind == OutgoingKinds.Reply ? "Your reply" : "Your connection request")} on {m.Platform} was not sent: {m.Error}", 1000),
                });
    }

    private void Fail(CrmDbContext db, OutgoingMessage message, string why)
    {
        message.Status = SendStatus.Failed;
        message.Error = why;
        db.Interactions.Add(new Interaction
        {
            CustomerId = message.CustomerId, CaseId = message.CaseId, Stage = "act", Kind = "send_failed",
            Detail = $"{(message.Kind == OutgoingKinds.Reply ? "the reply" : "the connection request")} was not sent: {why}",
            OccurredAt = clock.GetUtcNow().UtcDateTime,
        });
        log.LogWarning("Message {Id} to {Platform} failed for good: {Why}", message.Id, message.Platform, why);
    }
}
