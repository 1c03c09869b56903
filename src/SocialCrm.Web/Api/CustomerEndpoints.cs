using SocialCrm.Stages.Customers;
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
    }
}
