using SocialCrm.ServiceDefaults;
using SocialCrm.Worker.Hosting;

namespace SocialCrm.Worker;

// A named class rather than top-level statements: their generated Program is public and would clash with the web
// host's in the projects that reference both.
internal static class Program
{
    private static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddSocialCrmWorker();

        var app = builder.Build();
        await app.InitializeSocialCrmWorkerAsync();
        app.MapSocialCrmDefaultEndpoints();
        await app.RunAsync();
    }
}
