using System.CommandLine;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using SocialCrm.Stages.Customers;
using Spectre.Console;

namespace SocialCrm.Cli.Commands;

/// <summary>customers import FILE: the back office's customers from CSV, each row through the same handler as PUT /api/customers/{externalId}.</summary>
public static class CustomersCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "a CSV file with a header row (see the README for its columns)" };
        var import = new Command("import", "Import customers from the back office: revenue, purchases, consents and platform accounts.") { file };
        import.SetAction(async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists) throw new FileNotFoundException($"no file {path.FullName}");
            using var host = await CliHost.CreateAsync(GlobalOptions.Read(result), ct: ct);
            int created = 0, updated = 0, failed = 0;
            using var text = path.OpenText();
            await foreach (var row in CustomerCsvRows.ReadAsync(text, ct))
            {
                var problem = row.Problem;
                if (problem is null && row.ExternalId is null) problem = "externalId is empty";
                if (problem is null)
                {
                    // One customer per transaction: a bad row is reported and the rest still go in.
                    await using var scope = host.Services.CreateAsyncScope();
                    try
                    {
                        var upserted = await scope.ServiceProvider.GetRequiredService<UpsertCustomerHandler>().HandleAsync(row.ExternalId!, row.Input!, UsersCommand.Actor, ct);
                        if (upserted.Status == UpsertStatus.Created) created++;
                        else if (upserted.Status == UpsertStatus.Updated) updated++;
                        else problem = upserted.Problem;
                    }
                    catch (ValidationException v)
                    {
                        problem = string.Join("; ", v.Errors.Select(e => $"{SocialCrm.Web.Api.ProblemExceptionHandler.JsonName(e.PropertyName)}: {e.ErrorMessage}"));
                    }
                    catch (ArgumentException a)
                    {
                        problem = a.Message;
                    }
                }
                if (problem is not null)
                {
                    failed++;
                    AnsiConsole.MarkupLine($"[red]line {row.Line}[/] ({Markup.Escape(row.ExternalId ?? "no id")}): {Markup.Escape(problem)}");
                }
            }
            AnsiConsole.MarkupLine($"customers: {created} created, {updated} updated, {(failed > 0 ? $"[red]{failed} refused[/]" : "0 refused")}");
            return failed > 0 ? 1 : 0;
        });
        return new Command("customers", "What the back office knows about customers.") { import };
    }
}
