namespace SocialCrm.Contracts.Listen;

/// <summary>Ingestion committed a new signal; the listen stage picks it up.</summary>
public sealed record SignalAccepted(Guid SignalId, DateTimeOffset AcceptedAt);

/// <summary>The listen stage recognised the author and classified the signal.</summary>
public sealed record SignalCaptured(
    Guid SignalId,
    Guid CustomerId,
    string Platform,
    string Language,
    string Sentiment,
    double SentimentScore,
    string Intent,
    DateTimeOffset CapturedAt);
