using System.Text.Json;

namespace SocialCrm.Scoring.Learning.MlNet;

/// <summary>
/// An outcome model as it is stored: the ML.NET model file (base64), the standardiser in front of it, the trainer
/// and setting it was made with, and for tree ensembles how many training rows reached each leaf (for its reasons).
/// Reading refuses, with a FormatException, a file written by an earlier SocialCrm (its own L-BFGS weights) or for
/// other features: the stages then fall back to the baseline and log it.
/// </summary>
public sealed record OutcomeModelFile(string Version, string Trainer, string Setting, bool CrossTerms, Standardiser Scale, string Zip, int[][]? LeafCounts)
{
    public static string Write(string version, string setting, bool crossTerms, BinaryModel model, Standardiser scale) =>
        JsonSerializer.Serialize(new OutcomeModelFile(version, model.Trainer, setting, crossTerms, scale, Convert.ToBase64String(model.Zip), model.LeafCounts));

    /// <param name="what">the model's name in messages ("value")</param>
    /// <param name="scaled">how many features the standardiser covers</param>
    public static (OutcomeModelFile File, BinaryModel Model) Read(string json, string what, int scaled)
    {
        OutcomeModelFile? file;
        try { file = JsonSerializer.Deserialize<OutcomeModelFile>(json); }
        catch (JsonException e) { throw new FormatException($"the {what} model file is not one this version of SocialCrm reads ({e.Message}): train it again", e); }
        if (file?.Zip is null || file.Scale?.Means is null)
            throw new FormatException($"the {what} model was made by an earlier SocialCrm, before ML.NET: train it again");
        if (file.Scale.Means.Length != scaled)
            throw new FormatException($"the {what} model {file.Version} reads {file.Scale.Means.Length} features; this version of SocialCrm computes {scaled}: train it again");
        return (file, BinaryModel.Load(Convert.FromBase64String(file.Zip), file.LeafCounts));
    }
}
