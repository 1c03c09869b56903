using SocialCrm.Domain.Audit;
using SocialCrm.Stages.Customers;
using SocialCrm.Stages.Customers.Privacy;
using SocialCrm.Stages.Workplace;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class CustomerEndpoints
{
    public static void MapCustomerEndpoints(this RouteGroupBuilder api)
    {
        var customers = api.MapGroup("/customers").WithTags("Customers").RequireAuthorization(Policies.BackOffice);

        customers.MapPut("/{externalId}", async (string externalId, HttpRequest request, HttpContext http, UpsertCustomerHandler handler, CancellationToken ct) =>
        {
            var input = await JsonBody.ReadAsync<CustomerRecordInput>(request, ct);
            var result = await handler.HandleAsync(externalId, input, http.User.Identity!.Name!, ct);
            var body = new { customerId = result.CustomerId, externalId, linked = result.Linked, merged = result.Merged };
            return result.Status switch
            {
                UpsertStatus.Created => Results.Created($"/api/customers/{Uri.EscapeDataString(externalId)}", body),
                UpsertStatus.Updated => Results.Ok(body),
                _ => Results.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict),
            };
        })
        .WithSummary("What the back office knows about a customer: name, e-mail, revenue, purchases, consents (with when and how), platform accounts")
        .WithDescription("Keyed by the back office's own customer id. Each platform account named is linked to this customer, merging the record the engine made for its posts; the next brief uses the new revenue and consent.")
        .Accepts<CustomerRecordInput>("application/json")
        .Produces(StatusCodes.Status201Created).Produces(StatusCodes.Status200OK).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        customers.MapGet("/{externalId}", async (string externalId, CustomerRecordQuery query, CancellationToken ct) =>
            await query.GetAsync(externalId, ct) is { } record
                ? Results.Ok(record)
                : Results.Problem($"no customer '{externalId}' has come from the back office", statusCode: StatusCodes.Status404NotFound))
        .WithSummary("A back-office customer as stored: consents, purchases, linked accounts and why each is linked");

        // Personal data on request (GDPR): admins only, never the back office's service account.
        var privacy = api.MapGroup("/customers/{id:guid}").WithTags("Customers").RequireAuthorization(Policies.Admins);

        privacy.MapGet("/export", async (Guid id, HttpContext http, CustomerExport export, AuditLog audit, CancellationToken ct) =>
        {
            if (await export.ExportAsync(id, ct) is not { } document)
                return Results.Problem($"no customer {id}", statusCode: StatusCodes.Status404NotFound);
            await audit.WriteAsync(http.User.Identity!.Name!, AuditActions.CustomerExported, id.ToString(), null, ct);
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"customer-{id}.json\"";
            return Results.Json(document, statusCode: StatusCodes.Status200OK);
        })
        .WithSummary("Everything held about one customer as one JSON document: record, accounts, purchases, posts, cases, briefs, replies, history, workflow runs")
        .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound);

        privacy.MapPost("/erase", async (Guid id, HttpRequest request, HttpContext http, CustomerErasure erasure, CancellationToken ct) =>
        {
            var input = request.ContentLength is 0 || !request.HasJsonContentType() ? new EraseInput(null) : await JsonBody.ReadAsync<EraseInput>(request, ct);
            var result = await erasure.EraseAsync(id, http.User.Identity!.Name!, input.Reason, ct);
            return result.Status switch
            {
                ErasureStatus.Erased => Results.Ok(new { customerId = id, erased = true }),
                ErasureStatus.NotFound => Results.Problem(result.Problem, statusCode: StatusCodes.Status404NotFound),
                _ => Results.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["openCases"] = result.OpenCases }),
            };
        })
        .WithSummary("Erase a customer: personal data removed or replaced everywhere it is held; anonymous cases, metrics and aggregates stay; audited")
        .Accepts<EraseInput>("application/json")
        .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/customers/{id:guid}/merge", async (Guid id, HttpRequest request, HttpContext http, MergeCustomersHandler merges, CancellationToken ct) =>
        {
            var result = await merges.MergeAsync(id, await JsonBody.ReadAsync<MergeCustomersInput>(request, ct), http.User.Identity!.Name!, ct);
            return result.Status switch
            {
                CustomerMergeStatus.Merged => Results.Ok(new { customerId = result.Into, merged = result.From }),
                CustomerMergeStatus.NotFound => Results.Problem(result.Problem, statusCode: StatusCodes.Status404NotFound),
                CustomerMergeStatus.Refused => Results.Problem(result.Problem, statusCode: StatusCodes.Status409Conflict),
                _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["merge"] = [result.Problem!] }),
            };
        })
        .WithTags("Customers").RequireAuthorization(Policies.Casework)
        .WithSummary("Make two customer records one person: {\"into\": \"<customer id>\", \"reason\": \"...\"}; identities, posts, cases, history and purchases move; never across two back-office customers (409). Answers the record that stays")
        .Accepts<MergeCustomersInput>("application/json");
    }

    public sealed record EraseInput(string? Reason);
}
