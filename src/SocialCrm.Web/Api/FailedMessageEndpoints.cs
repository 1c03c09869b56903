using SocialCrm.Domain.Audit;
using SocialCrm.Stages.Messaging;
using SocialCrm.Stages.Workplace;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class FailedMessageEndpoints
{
    public static void MapFailedMessageEndpoints(this RouteGroupBuilder api)
    {
        var failed = api.MapGroup("/failed-messages").WithTags("Operations").RequireAuthorization(Policies.Admins);
        failed.MapGet("/", (FailedMessageReplayer replayer, CancellationToken ct) => replayer.ListAsync(ct))
            .WithSummary("Messages that kept failing after retries");
        failed.MapPost("/{id:guid}/replay", async (Guid id, HttpContext http, FailedMessageReplayer replayer, AuditLog audit, CancellationToken ct) =>
        {
            if (!await replayer.ReplayAsync(id, ct)) return Results.Problem($"no unreplayed failed message {id}", statusCode: StatusCodes.Status404NotFound);
            await audit.WriteAsync(http.User.Identity!.Name!, AuditActions.MessageReplayed, id.ToString(), null, ct);
            return Results.Accepted();
        })
            .WithSummary("Put a failed message back on the bus");
    }
}
