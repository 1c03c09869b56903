namespace SocialCrm.Persistence.Configuration;

/// <summary>Folders and files that hold personal data or secrets (the store, the sign-in keys' certificate, the demo users) are their owner's only: 0700 and 0600.</summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Makes the folder (0700) when it is missing; one that exists keeps its mode.</summary>
    public static void EnsureFolder(string folder)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else if (!Directory.Exists(folder)) Directory.CreateDirectory(folder, FileMode | UnixFileMode.UserExecute);
    }

    /// <summary>A new file (0600) to write; <paramref name="mode"/> CreateNew fails if it exists, Create replaces it (the mode applies only to a file made now).</summary>
    public static FileStream Create(string path, System.IO.FileMode mode = System.IO.FileMode.CreateNew)
    {
        if (mode == System.IO.FileMode.Create && File.Exists(path)) File.Delete(path);
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        return new FileStream(path, options);
    }

    /// <summary>Narrows an existing file to 0600 when anyone but its owner may read it.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & ~FileMode) != 0) File.SetUnixFileMode(path, FileMode);
    }
}
