using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Act.Macros;

public enum TagStatus { Done, Invalid, CaseNotFound }

public sealed record TagResult(TagStatus Status, string? Problem, IReadOnlyList<string>? Tags = null);

/// <summary>Sets a case's tags (agents, admins and macros); a change is on the case's timeline and in the audit trail.</summary>
public sealed class CaseTagging(CrmDbContext db, AuditLog audit, StoreWriteGate gate, TimeProvider clock)
{
    public static string? Refusal(IReadOnlyCollection<string> tags)
    {
        var bad = tags.Select(CaseTags.Refusal).OfType<string>().ToList();
        if (bad.Count > 0) return string.Join("; ", bad);
        return tags.Select(t => t.Trim().ToLowerInvariant()).Distinct().Count() > CaseTags.MaxTags ? $"a case has at most {CaseTags.MaxTags} tags" : null;
    }

    public async Task<TagResult> SetAsync(Guid caseId, IReadOnlyCollection<string> tags, string actor, CancellationToken ct)
    {
        if (Refusal(tags) is { } problem) return new(TagStatus.Invalid, problem);
        using var _ = await gate.EnterAsync(ct, intake: true);
        var @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null) return new(TagStatus.CaseNotFound, $"there is no case {caseId}");
        Change(@case, CaseTags.Join(tags), actor, null);
        await db.SaveChangesAsync(ct);
        return new(TagStatus.Done, null, CaseTags.Of(@case.Tags));
    }

    /// <summary>Puts the new tags on a tracked case with the timeline and audit entries, in the caller's unit of work; nothing when they are the same.</summary>
    public void Change(Case @case, string tags, string actor, string? why)
    {
        if (@case.Tags == tags) return;
        var before = CaseTags.Of(@case.Tags);
        var after = CaseTags.Of(tags);
        @case.Tags = tags;
        var detail = string.Join("; ", new[]
        {
            after.Except(before).Any() ? "added " + string.Join(", ", after.Except(before)) : null,
            before.Except(after).Any() ? "removed " + string.Join(", ", before.Except(after)) : null,
        }.OfType<string>()) + (why is null ? "" : $" ({why})");
        db.CaseEvents.Add(new CaseEvent { CaseId = @case.Id, Kind = CaseEventKinds.Tagged, Actor = actor, Text = detail, At = clock.GetUtcNow().UtcDateTime });
        audit.Add(actor, AuditActions.CaseTagged, @case.Id.ToString(), detail);
    }
}
