namespace SocialCrm.Contracts.Analyse;

/// <summary>A case brief is ready; Decision is engage, ignore or auto-reply.</summary>
public sealed record CaseBriefPrepared(
    Guid CaseId,
    Guid SignalId,
    Guid CustomerId,
    string Decision,
    string RecommendedReplyKind,
    string Queue,
    int Priority,
    DateTimeOffset SlaDueAt);
