namespace SocialCrm.Domain.Cases;

public static class CaseEventKinds
{
    public const string Assigned = "assigned", Released = "released", Transferred = "transferred", Note = "note", Tagged = "tagged", Macro = "macro", Merged = "merged", MergedIn = "merged-in";
}

/// <summary>
/// What people did on a case besides acting on it, in the order they did it: assignments, transfers and internal
/// notes. The case's timeline; nothing here is ever sent to the customer.
/// </summary>
public sealed class CaseEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public string Kind { get; set; } = CaseEventKinds.Note;
    /// <summary>Who did it: a user name, or "auto-assignment".</summary>
    public string Actor { get; set; } = "";
    /// <summary>The agent the case went to (assigned, transferred), if any.</summary>
    public string? Agent { get; set; }
    /// <summary>The queue the case went to (transferred), if it changed.</summary>
    public string? Queue { get; set; }
    /// <summary>The note's text, or the reason given for a transfer.</summary>
    public string? Text { get; set; }
    /// <summary>The users a note mentions, comma-separated.</summary>
    public string? Mentions { get; set; }
    /// <summary>The other case of a merge: the one this was merged into, or the one merged into this.</summary>
    public Guid? OtherCaseId { get; set; }
    public DateTime At { get; set; }
}
