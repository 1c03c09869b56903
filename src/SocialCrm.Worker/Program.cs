using SocialCrm.ServiceDefaults;
using SocialCrm.Worker.Hosting;

namespace SocialCrm.Worker;

// A named class rather than top-level statements: their generated Program is public and would clash with the web
// host's in the projects that reference both.
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var migrateOnly = args is [WorkerHostExtensions.MigrateCommand, ..];
        var builder = WebApplication.CreateBuilder(migrateOnly ? args[1..] : args);
        try
        {
            builder.AddSocialCrmWorker();
        }
        catch (WorkerMisconfiguredException e)
        {
            await Console.Error.WriteLineAsync($"SocialCrm worker not started: {e.Message}");
            return 2;
        }

        var app = builder.Build();
        await app.InitializeSocialCrmWorkerAsync();
        if (migrateOnly)
        {
            app.Logger.LogInformation("SocialCrm store migrated and seeded; nothing else runs with 'migrate'");
            return 0;
        }
        app.Logger.LogInformation("SocialCrm worker running the stages {Stages}", app.Services.GetRequiredService<SocialCrm.Stages.Hosting.SocialCrmOptions>().Stages);
        app.MapSocialCrmDefaultEndpoints();
        await app.RunAsync();
        return 0;
    }
}
