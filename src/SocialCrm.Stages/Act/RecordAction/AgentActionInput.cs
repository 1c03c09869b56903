namespace SocialCrm.Stages.Act.RecordAction;

/// <summary>What an agent decided: reply (with a personalised or standard text) or ignore, and whether to ask to connect.</summary>
public sealed record AgentActionInput
{
    public string? Agent { get; init; }
    public string? Action { get; init; }
    public string? ReplyKind { get; init; }
    public string? Text { get; init; }
    public bool RequestConnection { get; init; }
    /// <summary>Why the case is ignored: required with action "ignore".</summary>
    public string? Reason { get; init; }
}
