namespace SocialCrm.Persistence.Settings;

/// <summary>
/// One version of the admins' settings (thresholds, SLA minutes, the daily budget of personalised replies), as JSON.
/// The newest version is live; a version is never changed once saved, so every case can be traced to the settings
/// it was decided under.
/// </summary>
public sealed class SettingsVersionRecord
{
    public int Version { get; set; }
    public string ValuesJson { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public string? Comment { get; set; }
}
