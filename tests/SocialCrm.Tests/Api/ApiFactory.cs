using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SocialCrm.Tests.Api;

/// <summary>The real web host in-process, on its own SQLite file and the in-memory bus, simulator off.</summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "socialcrm-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseSetting("SocialCrm:Database:ConnectionString", $"Data Source={Path.Combine(_folder, "api.db")}");
        builder.UseSetting("SocialCrm:Simulation:Enabled", "false");
        builder.UseSetting("SocialCrm:Workflow:OutcomeWindowSeconds", "1");
        builder.UseSetting("SocialCrm:Bus:RetryIntervalsMs:0", "20");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { /* still open */ }
    }
}
