using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Act.Drafting;
using SocialCrm.Stages.Assignment;
using SocialCrm.Stages.Settings;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Act.Macros;

public enum ApplyStatus { Applied, MacroNotFound, CaseNotFound, NotAllowed, NotOpen }

/// <summary>What applying did: the reply draft from the macro's template (for the agent to read and send), and where the case is now.</summary>
public sealed record ApplyResult(ApplyStatus Status, string? Problem, string? Draft = null, string? ReplyKind = null, IReadOnlyList<string>? Tags = null,
    int? Priority = null, string? Holder = null, string? Queue = null);

/// <summary>
/// Applies a macro to an open case in one step: its tags are added, its priority set (the SLA due time follows from
/// the live settings), its reply template filled in as the draft, and the case transferred where it says. The holder
/// or an admin may; on the case's timeline and in the audit trail.
/// </summary>
public sealed class ApplyMacroHandler(CrmDbContext db, CaseTagging tagging, TransferCaseHandler transfers, ReplyDrafter drafter, SettingsStore settings,
    AuditLog audit, StoreWriteGate gate, TimeProvider clock)
{
    public async Task<ApplyResult> ApplyAsync(Guid caseId, Guid macroId, string actor, bool isAdmin, CancellationToken ct)
    {
        var macro = await db.Macros.AsNoTracking().SingleOrDefaultAsync(m => m.Id == macroId && m.RetiredAt == null, ct);
        if (macro is null) return new(ApplyStatus.MacroNotFound, $"there is no macro {macroId} in use");
        var view = MacroView.Of(macro);
        Case? @case;
        using (await gate.EnterAsync(ct, intake: true))
        {
            @case = await db.Cases.SingleOrDefaultAsync(c => c.Id == caseId, ct);
            if (@case is null) return new(ApplyStatus.CaseNotFound, $"there is no case {caseId}");
            if (!isAdmin && @case.AssignedAgent != actor)
                return new(ApplyStatus.NotAllowed, @case.AssignedAgent is null ? "claim the case before applying a macro to it" : $"this case is held by {@case.AssignedAgent}; only they or an admin can apply a macro");
            if (@case.Status != CaseStatus.AwaitingAgent || await db.AgentActions.AnyAsync(a => a.CaseId == caseId, ct))
                return new(ApplyStatus.NotOpen, "this case has been acted on already");

            tagging.Change(@case, CaseTags.Join(CaseTags.Of(@case.Tags).Concat(view.Tags)), actor, $"macro {macro.Name}");
            if (macro.Priority is { } priority && priority != @case.Priority)
            {
                @case.Priority = priority;
                @case.SlaDueAt = (await settings.CurrentAsync(ct)).Values.SlaDue(@case.Queue, priority, @case.CreatedAt);
            }
            db.CaseEvents.Add(new CaseEvent { CaseId = caseId, Kind = CaseEventKinds.Macro, Actor = actor, Text = $"{macro.Name}: {view.Describe()}", At = clock.GetUtcNow().UtcDateTime });
            audit.Add(actor, AuditActions.MacroApplied, caseId.ToString(), $"{macro.Name}: {view.Describe()}");
            await db.SaveChangesAsync(ct);
        }

        var (holder, queue) = (@case.AssignedAgent, @case.Queue);
        if (macro.TransferAgent is not null || (macro.TransferQueue is not null && macro.TransferQueue != @case.Queue))
        {
            var moved = await transfers.TransferAsync(caseId, new TransferInput(macro.TransferAgent, macro.TransferQueue, $"macro {macro.Name}"), actor, isAdmin, ct);
            if (moved.Status != TransferStatus.Done)
                return new(ApplyStatus.NotOpen, $"the macro's other actions were applied, but not its transfer: {moved.Problem}");
            (holder, queue) = (moved.Agent, moved.Queue);
        }

        string? draft = null, kind = null;
        if (macro.TemplateKey is { } key && (await drafter.TemplatesAsync(caseId, ct)).FirstOrDefault(t => t.Key == key) is { } template)
        {
            kind = await db.CaseBriefs.Where(b => b.CaseId == caseId).Select(b => b.RecommendedReplyKind).SingleOrDefaultAsync(ct) ?? template.Kind;
            draft = kind == "personalised" ? template.Personalised : template.Standard;
        }
        return new(ApplyStatus.Applied, null, draft, kind, CaseTags.Of(@case.Tags), @case.Priority, holder, queue);
    }
}
