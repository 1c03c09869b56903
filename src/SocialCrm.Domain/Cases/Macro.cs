namespace SocialCrm.Domain.Cases;

/// <summary>
/// A named set of actions an admin defines and an agent applies to a case in one step: fill the reply from a
/// template, add tags, set the priority, transfer to a queue or agent. Retired macros are kept for the cases'
/// timelines but no longer offered.
/// </summary>
public sealed class Macro
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    /// <summary>The reply template whose text (filled in for the case) becomes the reply draft.</summary>
    public string? TemplateKey { get; set; }
    /// <summary>Tags added to the case, comma-separated.</summary>
    public string Tags { get; set; } = "";
    public int? Priority { get; set; }
    public string? TransferQueue { get; set; }
    public string? TransferAgent { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTime? RetiredAt { get; set; }
}
