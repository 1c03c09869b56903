using System.Text.Json;

namespace SocialCrm.Scoring.Learning;

/// <summary>
/// A linear model on standardised dense features as it is stored: its version, weights and standardiser. Reading
/// checks both against the features this version of SocialCrm computes, so a model made for other features is
/// refused with a FormatException (the stages then fall back to the baseline).
/// </summary>
public sealed record ScaledModelFile(string Version, LinearModelJson Model, Standardiser Scale)
{
    public static string Write(string version, LinearModel model, Standardiser scale) =>
        JsonSerializer.Serialize(new ScaledModelFile(version, LinearModelJson.From(model), scale));

    /// <param name="what">the model's name in messages ("value")</param>
    /// <param name="dimension">the model's input width</param>
    /// <param name="scaled">how many features the standardiser covers</param>
    public static ScaledModelFile Read(string json, string what, int dimension, int scaled)
    {
        var file = JsonSerializer.Deserialize<ScaledModelFile>(json) ?? throw new FormatException($"the {what} model file is empty");
        if (file.Model.Dimension != dimension || file.Scale.Means.Length != scaled)
            throw new FormatException($"the {what} model {file.Version} has {file.Model.Dimension} features; this version of SocialCrm reads {dimension}: train it again");
        return file;
    }
}
