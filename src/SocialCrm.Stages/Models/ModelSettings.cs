namespace SocialCrm.Stages.Models;

/// <summary>Settings of the trained models (section SocialCrm:Models).</summary>
public sealed class ModelSettings
{
    /// <summary>Retrain the outcome-trained models (value, reply kind) from measured cases this often; 0: only by the train command.</summary>
    public double RetrainEveryHours { get; set; }
}
