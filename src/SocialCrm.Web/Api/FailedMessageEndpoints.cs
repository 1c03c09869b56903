using SocialCrm.Stages.Messaging;

namespace SocialCrm.Web.Api;

public static class FailedMessageEndpoints
{
    public static void MapFailedMessageEndpoints(this RouteGroupBuilder api)
    {
        var failed = api.MapGroup("/failed-messages").WithTags("Operations");
        failed.MapGet("/", (FailedMessageReplayer replayer, CancellationToken ct) => replayer.ListAsync(ct))
            .WithSummary("Messages that kept failing after retries");
        failed.MapPost("/{id:guid}/replay", async (Guid id, FailedMessageReplayer replayer, CancellationToken ct) =>
            await replayer.ReplayAsync(id, ct) ? Results.Accepted() : Results.Problem($"no unreplayed failed message {id}", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("Put a failed message back on the bus");
    }
}
