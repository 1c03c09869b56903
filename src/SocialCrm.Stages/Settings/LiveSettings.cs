namespace SocialCrm.Stages.Settings;

/// <summary>One version of the settings as a process uses it.</summary>
public sealed record SettingsVersion(int Version, CrmSettings Values, DateTime CreatedAt, string CreatedBy, string? Comment);

/// <summary>
/// The live settings, held per process for a moment so a busy stage does not read them once per message. A save in
/// this process replaces them at once; other processes (scaled-out workers) see a change within <see cref="MaxAge"/>.
/// </summary>
public sealed class LiveSettings(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private sealed record Held(SettingsVersion Settings, DateTimeOffset LoadedAt);

    // Read and replaced whole by concurrent consumers: one reference, never a half-written pair.
    private Held? _held;

    public SettingsVersion? Fresh() =>
        Volatile.Read(ref _held) is { } h && clock.GetUtcNow() - h.LoadedAt < MaxAge ? h.Settings : null;

    public void Hold(SettingsVersion settings)
    {
        // Never step back to an older version read by a slower query.
        if (Volatile.Read(ref _held) is { } h && h.Settings.Version > settings.Version && clock.GetUtcNow() - h.LoadedAt < MaxAge) return;
        Volatile.Write(ref _held, new Held(settings, clock.GetUtcNow()));
    }
}
