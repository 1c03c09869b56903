namespace SocialCrm.Contracts.Act;

/// <summary>A service agent acted on a case (the action row is committed; the act workflow resumes).</summary>
public sealed record AgentActionRecorded(Guid ActionId, Guid CaseId, DateTimeOffset RecordedAt);

/// <summary>The act stage finished with a case: Action is replied or ignored.</summary>
public sealed record CaseActed(
    Guid CaseId,
    Guid SignalId,
    string Action,
    string? ReplyKind,
    bool ConnectionRequested,
    int StatusBefore,
    int StatusAfter,
    DateTimeOffset ActedAt);
