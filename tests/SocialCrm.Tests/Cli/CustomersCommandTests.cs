using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Cli.Commands;
using SocialCrm.Persistence;
using SocialCrm.Persistence.Configuration;
using SocialCrm.Stages.Customers;
using SocialCrm.Tests.Infrastructure;

namespace SocialCrm.Tests.Cli;

public class CustomersCommandTests
{
    [Test]
    public async Task A_back_office_csv_imports_each_good_row_and_names_the_line_and_field_of_each_bad_one()
    {
        await using var store = await TestStore.CreateAsync(DatabaseOptions.Sqlite);
        var file = Path.Combine(Path.GetTempPath(), $"customers-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, """
            externalId,name,email,lifetimeRevenue,connectConsent,connectConsentAt,connectConsentSource,identities,purchases
            C-1,Liisa Virtanen,liisa@example.fi,,yes,2026-09-01,loyalty form,facebook:6001; x:@liisa_v,SO-1=120.50@2026-08-01; SO-2=79.50@2026-10-02
            C-2,"Matti ""Masa"" Mäkelä",not-an-email,300,,,,,
            C-3,Anna Berg,,12x,,,,,
            C-4,Bo Ek,bo@example.se,50,maybe,,,,
            C-1,Liisa Virtanen,liisa.v@example.fi,,yes,2026-09-01,loyalty form,facebook:6001,SO-1=120.50@2026-08-01
            """);
        var output = new StringWriter();
        var stdout = Console.Out;
        int exit;
        try
        {
            Console.SetOut(output);
            exit = await CliCommands.Root().Parse(["customers", "import", file, "--connection", store.Options.ConnectionString]).InvokeAsync();
        }
        finally
        {
            Console.SetOut(stdout);
            File.Delete(file);
        }
        var printed = output.ToString();
        Assert.That(exit, Is.EqualTo(1), "some rows were refused");
        Assert.That(printed, Does.Contain("line 3").And.Contain("email: is not an e-mail address"));
        Assert.That(printed, Does.Contain("line 4").And.Contain("lifetimeRevenue: '12x' is not a number"));
        Assert.That(printed, Does.Contain("line 5").And.Contain("'maybe' is not yes or no"));
        Assert.That(printed, Does.Contain("1 created, 1 updated"));

        using var host = await CliHost.CreateAsync(new SocialCrm.Stages.Hosting.SocialCrmOptions { Database = store.Options });
        await using var scope = host.Services.CreateAsyncScope();
        var liisa = (await scope.ServiceProvider.GetRequiredService<CustomerRecordQuery>().GetAsync("C-1", CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(liisa.Email, Is.EqualTo("liisa.v@example.fi"), "the later row updates the customer");
            Assert.That(liisa.LifetimeRevenue, Is.EqualTo(120.50), "without a revenue column value, the sum of the purchases");
            Assert.That(liisa.Connect, Is.EqualTo(new ConsentView(true, new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc), "loyalty form")));
            Assert.That(liisa.Identities.Select(i => $"{i.Platform}:{i.UserId ?? "@" + i.Handle}"), Is.EquivalentTo(new[] { "facebook:6001", "x:@liisa_v" }));
        });
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        Assert.That(await db.Customers.CountAsync(c => c.ExternalId != null), Is.EqualTo(1), "refused rows store nothing");
    }
}
