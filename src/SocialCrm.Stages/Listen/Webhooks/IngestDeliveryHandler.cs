using FluentValidation;
using FluentValidation.Results;
using SocialCrm.Channels.Inbound;
using SocialCrm.Channels.Meta;
using SocialCrm.Stages.Listen.Ingest;

namespace SocialCrm.Stages.Listen.Webhooks;

/// <summary>What one delivery did: new signals, repeats of ones we have, edits, removals, and items left out with why.</summary>
public sealed record DeliveryResult(int Accepted, int Duplicates, int Edited, int Removed, int Skipped, IReadOnlyList<ItemProblem> Problems);

/// <summary>
/// Stores one webhook delivery (many items): returning means every item is committed, so the platform may be told
/// 200. Items are checked here; the writing is done by the <see cref="DeliveryCommitter"/>, which commits concurrent
/// deliveries together.
/// </summary>
public sealed class IngestDeliveryHandler(DeliveryCommitter committer, IEnumerable<IInboundLookup> lookups, IValidator<SignalInput> validator)
{
    /// <param name="strict">Refuse the whole delivery when an item is wrong (sources we integrate with); otherwise
    /// skip such items and store the rest (the platforms, which would retry a refusal for hours).</param>
    public async Task<DeliveryResult> HandleAsync(IReadOnlyList<InboundItem> delivered, bool strict, CancellationToken ct)
    {
        var items = new List<InboundItem>(delivered.Count);
        var problems = new List<ItemProblem>();
        var lookup = lookups.FirstOrDefault();
        for (var i = 0; i < delivered.Count; i++)
        {
            var path = delivered.Count == 1 ? "$" : $"$[{i}]";
            var given = delivered[i];
            if (given.Problem is { } unusable) { problems.Add(new(path, unusable)); continue; }
            if (given.NeedsLookup)
            {
                // Sent by id only: read it now, or leave it out and say why (the platform deletes what no longer exists).
                if (lookup is null) { problems.Add(new(path, "a mention is sent without its text; set SocialCrm:Channels:Meta:PageAccessToken to read it")); continue; }
                if (await lookup.CompleteAsync(given, ct) is not { } complete) { problems.Add(new(path, "the mentioned post no longer exists")); continue; }
                if (complete.Problem is { } unread) { problems.Add(new(path, unread)); continue; }
                given = complete;
            }
            var item = InboundItemCheck.Clean(given);
            var found = InboundItemCheck.Problems(item, path, validator).ToList();
            if (found.Count == 0) items.Add(item);
            else problems.AddRange(found);
        }
        if (strict && problems.Count > 0)
            throw new ValidationException("the delivery has invalid items", problems.Select(p => new ValidationFailure(p.Path, p.Message)));
        var counts = items.Count == 0 ? new DeliveryCounts() : await committer.CommitAsync(items, ct);
        return new DeliveryResult(counts.Accepted, counts.Duplicates, counts.Edited, counts.Removed, delivered.Count - items.Count, problems);
    }
}
