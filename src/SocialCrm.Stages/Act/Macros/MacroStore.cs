using Microsoft.EntityFrameworkCore;
using SocialCrm.Domain.Audit;
using SocialCrm.Domain.Cases;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Workplace;
using SocialCrm.Stages.Settings;
using SocialCrm.Stages.Workplace;

namespace SocialCrm.Stages.Act.Macros;

public sealed record MacroInput(string? Name, string? TemplateKey, string[]? Tags, int? Priority, string? TransferQueue, string? TransferAgent);

public sealed record MacroView(Guid Id, string Name, string? TemplateKey, IReadOnlyList<string> Tags, int? Priority, string? TransferQueue, string? TransferAgent,
    DateTime UpdatedAt, string UpdatedBy, DateTime? RetiredAt)
{
    public static MacroView Of(Macro m) => new(m.Id, m.Name, m.TemplateKey, CaseTags.Of(m.Tags), m.Priority, m.TransferQueue, m.TransferAgent, m.UpdatedAt, m.UpdatedBy, m.RetiredAt);

    /// <summary>What applying it does, in words: "reply from complaint-en · tags refund · priority 1 · to queue vip".</summary>
    public string Describe() => string.Join(" · ", new[]
    {
        TemplateKey is null ? null : $"reply from {TemplateKey}", Tags.Count == 0 ? null : $"tags {string.Join(", ", Tags)}", Priority is null ? null : $"priority {Priority}",
        TransferQueue is null ? null : $"to queue {TransferQueue}", TransferAgent is null ? null : $"to {TransferAgent}",
    }.OfType<string>());
}

public enum MacroSaveStatus { Saved, Invalid, NotFound, NameTaken }

public sealed record MacroSaveResult(MacroSaveStatus Status, IReadOnlyDictionary<string, string[]>? Problems, MacroView? Macro = null);

/// <summary>The admins' macros: each check names what is wrong; every change is audited.</summary>
public sealed class MacroStore(CrmDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int MaxName = 100;

    public async Task<List<MacroView>> ListAsync(bool includeRetired, CancellationToken ct) =>
        [.. (await db.Macros.AsNoTracking().Where(m => includeRetired || m.RetiredAt == null).OrderBy(m => m.Name).ToListAsync(ct)).Select(MacroView.Of)];

    public async Task<MacroSaveResult> SaveAsync(Guid? id, MacroInput input, string actor, CancellationToken ct)
    {
        var problems = await ProblemsAsync(input, ct);
        if (problems.Count > 0) return new(MacroSaveStatus.Invalid, problems);
        var name = input.Name!.Trim();
        var macro = id is { } existing ? await db.Macros.SingleOrDefaultAsync(m => m.Id == existing, ct) : new Macro();
        if (macro is null) return new(MacroSaveStatus.NotFound, null);
        if (await db.Macros.AnyAsync(m => m.Name == name && m.Id != macro.Id, ct)) return new(MacroSaveStatus.NameTaken, new Dictionary<string, string[]> { ["name"] = [$"a macro named '{name}' exists already"] });
        macro.Name = name;
        macro.TemplateKey = Blank(input.TemplateKey);
        macro.Tags = CaseTags.Join(input.Tags ?? []);
        macro.Priority = input.Priority;
        macro.TransferQueue = Blank(input.TransferQueue);
        macro.TransferAgent = Blank(input.TransferAgent);
        macro.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        macro.UpdatedBy = actor;
        macro.RetiredAt = null;
        if (id is null) db.Macros.Add(macro);
        audit.Add(actor, id is null ? AuditActions.MacroCreated : AuditActions.MacroChanged, $"macro {name}", MacroView.Of(macro).Describe());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same name saved by another admin at the same moment: the unique index refused this one.
            return new(MacroSaveStatus.NameTaken, new Dictionary<string, string[]> { ["name"] = [$"a macro named '{name}' exists already"] });
        }
        return new(MacroSaveStatus.Saved, null, MacroView.Of(macro));
    }

    public async Task<bool> RetireAsync(Guid id, string actor, CancellationToken ct)
    {
        var macro = await db.Macros.SingleOrDefaultAsync(m => m.Id == id, ct);
        if (macro is null) return false;
        if (macro.RetiredAt is not null) return true;
        macro.RetiredAt = clock.GetUtcNow().UtcDateTime;
        audit.Add(actor, AuditActions.MacroRetired, $"macro {macro.Name}");
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<Dictionary<string, string[]>> ProblemsAsync(MacroInput input, CancellationToken ct)
    {
        var problems = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0) problems["name"] = ["give the macro a name agents will recognise"];
        else if (name.Length > MaxName) problems["name"] = [$"the name is {name.Length} characters long; at most {MaxName} are taken"];
        if (Blank(input.TemplateKey) is { } key && !await db.ReplyTemplates.AnyAsync(t => t.Key == key && t.RetiredAt == null, ct))
            problems["templateKey"] = [$"there is no reply template '{key}' in use"];
        if (input.Tags is { } tags && CaseTagging.Refusal(tags) is { } bad) problems["tags"] = [bad];
        if (input.Priority is { } p && p is < 1 or > 4) problems["priority"] = [$"a priority is 1 (urgent) to 4 (low), not {p}"];
        if (Blank(input.TransferQueue) is { } q && !QueueNames.IsValid(q)) problems["transferQueue"] = [$"'{q}' is not a queue name (1 to 64 lower-case letters, digits or dashes)"];
        if (Blank(input.TransferAgent) is { } a && !await Assignment.ActiveAgents.IsAsync(db, a, ct))
            problems["transferAgent"] = [$"'{a}' is not an active agent"];
        if (problems.Count == 0 && Blank(input.TemplateKey) is null && (input.Tags ?? []).Length == 0 && input.Priority is null && Blank(input.TransferQueue) is null && Blank(input.TransferAgent) is null)
            problems["macro"] = ["a macro does at least one thing: a reply template, tags, a priority or a transfer"];
        return problems;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
