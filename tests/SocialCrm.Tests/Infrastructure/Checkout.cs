namespace SocialCrm.Tests.Infrastructure;

/// <summary>The checkout the tests run from: its deploy scripts and files.</summary>
public static class Checkout
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "deploy", "servers.sh"))) return folder.FullName;
        throw new DirectoryNotFoundException("deploy/servers.sh is not above " + AppContext.BaseDirectory);
    }
}
