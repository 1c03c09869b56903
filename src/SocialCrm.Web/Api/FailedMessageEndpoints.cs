using SocialCrm.Stages.Messaging;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class FailedMessageEndpoints
{
    public static void MapFailedMessageEndpoints(this RouteGroupBuilder api)
    {
        var failed = api.MapGroup("/failed-messages").WithTags("Operations").RequireAuthorization(Policies.Admins);
        failed.MapGet("/", (FailedMessageReplayer replayer, CancellationToken ct) => replayer.ListAsync(ct))
            .WithSummary("Messages that kept failing after retries");
        failed.MapPost("/{id:guid}/replay", async (Guid id, HttpContext http, FailedMessageReplayer replayer, CancellationToken ct) =>
            await replayer.ReplayAsync(id, http.User.Identity!.Name!, ct)
                ? Results.Accepted()
                : Results.Problem($"no failed message {id} waiting for a replay (replayed already, or no such id)", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("Put a failed message back on the bus");
    }
}
