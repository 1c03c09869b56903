namespace SocialCrm.Persistence.Models;

/// <summary>
/// One version of a trained model, stored with what it was trained on and how well it did; one version per kind
/// is active. (Kind, Version) is unique. Restoring an older version makes it active again.
/// </summary>
public sealed class TrainedModelRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Kind { get; set; } = "";
    public string Version { get; set; } = "";
    /// <summary>What trained it, in words ("ML.NET LightGbm"); versions stored before 2026-11-25 say "SocialCrm L-BFGS".</summary>
    public string Trainer { get; set; } = "";
    public string ModelJson { get; set; } = "";
    /// <summary>Held-out figures, as JSON.</summary>
    public string MetricsJson { get; set; } = "{}";
    public string TrainingData { get; set; } = "";
    public DateTime TrainedAt { get; set; }
    public bool IsActive { get; set; }
}
