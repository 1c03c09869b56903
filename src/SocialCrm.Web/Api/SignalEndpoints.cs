using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Stages.Listen.Ingest;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class SignalEndpoints
{
    public static void MapSignalEndpoints(this RouteGroupBuilder api)
    {
        var signals = api.MapGroup("/signals").WithTags("Listen");

        signals.MapPost("/", async (HttpRequest request, IngestSignalHandler handler, CancellationToken ct) =>
        {
            var input = await JsonBody.ReadAsync<SignalInput>(request, ct);
            var result = await handler.HandleAsync(input, ct);
            var body = new { signalId = result.SignalId, duplicate = result.Duplicate };
            // 202: committed and on its way through the stages; 200: this post was accepted before.
            return result.Duplicate ? Results.Ok(body) : Results.Accepted($"/api/signals/{result.SignalId}", body);
        })
        .RequireAuthorization(Policies.Admins)
        .WithSummary("Ingest a normalised signal")
        .WithDescription("Answers 202 only after the signal is committed; the same platform + postId again answers 200 with the first signal's id.")
        .Accepts<SignalInput>("application/json")
        .Produces(StatusCodes.Status202Accepted).Produces(StatusCodes.Status200OK).ProducesValidationProblem();

        signals.MapGet("/{id:guid}", async (Guid id, CrmDbContext db, CancellationToken ct) =>
            await db.Signals.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct) is { } signal
                ? Results.Ok(signal)
                : Results.Problem($"no signal {id}", statusCode: StatusCodes.Status404NotFound))
        .RequireAuthorization(Policies.Staff)
        .WithSummary("A signal with what the listen stage found");
    }
}
