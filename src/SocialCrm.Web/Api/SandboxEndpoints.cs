using Microsoft.EntityFrameworkCore;
using SocialCrm.Persistence;
using SocialCrm.Stages.Measure.AnswerConnection;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class SandboxEndpoints
{
    public sealed record ConnectionAnswer(bool? Accepted);

    public static void MapSandboxEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/sandbox/messages", async (int? take, CrmDbContext db, CancellationToken ct) =>
            Results.Ok(await db.OutgoingMessages.AsNoTracking().OrderByDescending(m => m.SentAt).Take(Math.Clamp(take ?? 100, 1, 1000)).ToListAsync(ct)))
        .RequireAuthorization(Policies.Staff).WithTags("Sandbox").WithSummary("Every reply and connection request the sandbox sender 'sent', newest first");

        api.MapPost("/connection-requests/{id:guid}/answer", async (Guid id, HttpRequest request, AnswerConnectionRequestHandler handler, CancellationToken ct) =>
        {
            var answer = await JsonBody.ReadAsync<ConnectionAnswer>(request, ct);
            if (answer.Accepted is null)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["accepted"] = ["is required (true or false)"] });
            return await handler.HandleAsync(id, answer.Accepted.Value, ct) switch
            {
                AnswerStatus.Recorded => Results.Accepted(),
                AnswerStatus.NotFound => Results.Problem($"no connection request {id}", statusCode: StatusCodes.Status404NotFound),
                _ => Results.Problem($"connection request {id} was answered already", statusCode: StatusCodes.Status409Conflict),
            };
        })
        .RequireAuthorization(Policies.Admins).WithTags("Measure").WithSummary("The customer's answer to a connection request (platform webhook or sandbox)");
    }
}
