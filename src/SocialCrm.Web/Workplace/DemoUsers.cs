using SocialCrm.Persistence.Configuration;
using SocialCrm.Persistence.Workplace;
using SocialCrm.Stages.Workplace;
using Microsoft.Data.Sqlite;

namespace SocialCrm.Web.Workplace;

/// <summary>
/// The embedded default's first start gives a newcomer one user per role, with generated passwords printed once in
/// the log and written to a file beside the SQLite store that only the owner can read. A server database never gets
/// them: there the CLI makes the first admin (socialcrm users add NAME --role admin). No password is built in.
/// </summary>
public sealed class DemoUsers(UserAdmin admin, DatabaseOptions database, ILogger<DemoUsers> log)
{
    public const string FileName = "demo-users.txt";

    /// <summary>The file written, or null when no demo users were made (a server database, or users exist).</summary>
    public async Task<string?> CreateOnFirstStartAsync(CancellationToken ct)
    {
        if (DatabaseOptions.Canonical(database.Provider) != DatabaseOptions.Sqlite || await admin.AnyAsync(ct)) return null;
        var lines = new List<string>();
        foreach (var role in Roles.People)
        {
            var added = await admin.AddAsync($"demo-{role}", [role], null, "system", ct);
            if (!added.Succeeded) throw new InvalidOperationException($"could not add the demo {role}: {string.Join("; ", added.Errors)}");
            lines.Add($"{added.User!.UserName}\t{role}\t{added.GeneratedPassword}");
        }
        var file = Path.Combine(DataFolder(), FileName);
        await using (var stream = OwnerOnlyFiles.Create(file, FileMode.Create))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteLineAsync("# SocialCrm demo users, made on the first start of this store. Sign in at /signin; once you have your own users, disable these under Users.");
            foreach (var line in lines) await writer.WriteLineAsync(line);
        }
        log.LogWarning("First start: made one demo user per role. Sign in with one of these (also in {File}, readable only by you):{NewLine}{Users}",
            file, Environment.NewLine, string.Join(Environment.NewLine, lines.Select(l => "  " + l.Replace('\t', ' '))));
        return file;
    }

    private string DataFolder()
    {
        var path = new SqliteConnectionStringBuilder(PersistenceServiceCollectionExtensions.ResolveSqlitePath(database.ConnectionString)).DataSource;
        return Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
    }
}
