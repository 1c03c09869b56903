using SocialCrm.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSocialCrmWeb();

var app = builder.Build();
await app.InitializeSocialCrmAsync();
app.MapSocialCrmWeb();
app.Run();

/// <summary>Entry point, visible to the in-process test host.</summary>
public partial class Program;
