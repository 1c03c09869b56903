namespace SocialCrm.Contracts.Measure;

/// <summary>The customer posted again after our reply (a follow-up): an outcome for the measure stage.</summary>
public sealed record OutcomeSignalObserved(Guid CaseId, Guid SignalId, double Sentiment, DateTimeOffset ObservedAt);

/// <summary>The customer answered a connection request.</summary>
public sealed record ConnectionRequestAnswered(Guid CaseId, Guid RequestId, bool Accepted, DateTimeOffset AnsweredAt);

/// <summary>The outcome window of a case ran out without (further) outcomes.</summary>
public sealed record OutcomeWindowClosed(Guid CaseId, DateTimeOffset ClosedAt);

/// <summary>The measure stage computed the case's metrics and folded them into the aggregates.</summary>
public sealed record CaseMeasured(Guid CaseId, Guid SignalId, string Outcome, DateTimeOffset MeasuredAt);
