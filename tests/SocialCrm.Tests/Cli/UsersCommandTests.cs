using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Cli.Commands;
using SocialCrm.Domain.Audit;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Workplace;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Cli;

public class UsersCommandTests
{
    [Test]
    public async Task Users_are_added_with_a_piped_or_generated_password_listed_and_disabled_and_each_change_is_audited()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        string[] On(params string[] args) => [.. args, "--connection", store.Options.ConnectionString];
        var output = new StringWriter();
        var stdout = Console.Out;
        var stdin = Console.In;
        try
        {
            Console.SetOut(output);
            Console.SetIn(new StringReader("Piped-password-42\n"));
            Assert.That(await CliCommands.Root().Parse(On("users", "add", "first-admin", "--role", "admin")).InvokeAsync(), Is.EqualTo(0));
            Console.SetIn(new StringReader(""));
            Assert.That(await CliCommands.Root().Parse(On("users", "add", "sanna", "--role", "agent", "--role", "analyst")).InvokeAsync(), Is.EqualTo(0));
            Assert.That(await CliCommands.Root().Parse(On("users", "add", "sanna", "--role", "agent")).InvokeAsync(), Is.EqualTo(1), "the name is taken");
            Assert.That(await CliCommands.Root().Parse(On("users", "disable", "sanna")).InvokeAsync(), Is.EqualTo(0));
            Assert.That(await CliCommands.Root().Parse(On("users", "disable", "nobody")).InvokeAsync(), Is.EqualTo(1));
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetIn(stdin);
        }
        var printed = output.ToString();
        var generated = printed.Split('\n').Single(l => l.StartsWith("password: "))["password: ".Length..].Trim();
        Assert.That(generated, Has.Length.EqualTo(20), "the generated password is printed once");
        Assert.That(printed, Does.Not.Contain("Piped-password-42"), "a piped password is never echoed");

        using var host = await CliHost.CreateAsync(new SocialCrm.Stages.Hosting.SocialCrmOptions { Database = store.Options });
        await using var scope = host.Services.CreateAsyncScope();
        var users = await scope.ServiceProvider.GetRequiredService<UserAdmin>().ListAsync(CancellationToken.None);
        Assert.That(users.Select(u => (u.UserName, string.Join(",", u.Roles), u.Disabled)),
            Is.EqualTo(new[] { ("first-admin", "admin", false), ("sanna", "agent,analyst", true) }));
        var userManager = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<SocialCrm.Persistence.Workplace.CrmUser>>();
        Assert.That(await userManager.CheckPasswordAsync((await userManager.FindByNameAsync("first-admin"))!, "Piped-password-42"), Is.True);
        Assert.That(await userManager.CheckPasswordAsync((await userManager.FindByNameAsync("sanna"))!, generated), Is.True);
        var audit = await scope.ServiceProvider.GetRequiredService<AuditLog>().ListAsync(new AuditLog.Query(), CancellationToken.None);
        Assert.That(audit.Select(a => $"{a.Action} {a.Target}"), Is.EqualTo(new[] { $"{AuditActions.UserDisabled} sanna", $"{AuditActions.UserAdded} sanna", $"{AuditActions.UserAdded} first-admin" }));
        Assert.That(audit.All(a => a.Actor.StartsWith("cli:")));
    }
}
