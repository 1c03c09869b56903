using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Contracts.Listen;
using SocialCrm.Domain.Signals;
using SocialCrm.Persistence;
using SocialCrm.Stages.Messaging;

namespace SocialCrm.Stages.Listen.Ingest;

/// <summary>
/// Accepts a signal: validates it, and commits the signal with its SignalAccepted message in one transaction,
/// shared with whatever else is being committed at the time (GroupCommitter). Returning means committed. The same
/// (platform, post id) twice gives the first signal back, marked duplicate.
/// </summary>
public sealed class IngestSignalHandler(CrmDbContext db, GroupCommitter committer, IValidator<SignalInput> validator, TimeProvider clock)
{
    public async Task<IngestResult> HandleAsync(SignalInput input, CancellationToken ct)
    {
        await validator.ValidateAndThrowAsync(input, ct);
        var platform = input.Platform!.Trim().ToLowerInvariant();
        var postId = input.PostId!.Trim();

        if (await FindAsync(db, platform, postId, ct) is { } existing) return new IngestResult(existing, Duplicate: true);
        try
        {
            return await committer.RunAsync((services, token) => AcceptAsync(services, input, platform, postId, token), ct);
        }
        catch (DbUpdateException)
        {
            // Another request may have committed the same post between our check and our insert.
            if (await FindAsync(db, platform, postId, ct) is { } raced) return new IngestResult(raced, Duplicate: true);
            throw;
        }
    }

    /// <summary>In the group commit's unit of work: an earlier item of the same batch may have stored the same post.</summary>
    private async Task<IngestResult> AcceptAsync(IServiceProvider services, SignalInput input, string platform, string postId, CancellationToken ct)
    {
        var unit = services.GetRequiredService<CrmDbContext>();
        if (await FindAsync(unit, platform, postId, ct) is { } existing) return new IngestResult(existing, Duplicate: true);
        var now = clock.GetUtcNow();
        var signal = new Signal
        {
            Platform = platform,
            PlatformPostId = postId,
            Kind = input.Kind ?? SignalKinds.Post,
            AuthorHandle = input.AuthorHandle!,
            AuthorName = input.AuthorName,
            AuthorFollowers = input.AuthorFollowers ?? 0,
            Text = input.Text!,
            Language = input.Language,
            PostedAt = input.PostedAt!.Value.UtcDateTime,
            Url = input.Url,
            InReplyToPostId = input.InReplyToPostId,
            ReceivedAt = now.UtcDateTime,
        };
        unit.Signals.Add(signal);
        services.GetRequiredService<Outbox>().Add(new SignalAccepted(signal.Id, now));
        return new IngestResult(signal.Id, Duplicate: false);
    }

    private static Task<Guid?> FindAsync(CrmDbContext db, string platform, string postId, CancellationToken ct) =>
        db.Signals.AsNoTracking().Where(s => s.Platform == platform && s.PlatformPostId == postId).Select(s => (Guid?)s.Id).SingleOrDefaultAsync(ct);
}
