using SocialCrm.Stages.Operations;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class OperationsEndpoints
{
    public const int MinMinutes = 5, MaxMinutes = 1440;

    public static void MapOperationsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/operations", async (HttpRequest request, OperationsQueries operations, CancellationToken ct) =>
        {
            var minutes = 60;
            if (request.Query["minutes"] is { Count: > 0 } given && (!int.TryParse(given, out minutes) || minutes is < MinMinutes or > MaxMinutes))
                return Results.Problem($"minutes must be a whole number from {MinMinutes} to {MaxMinutes} (the window, default 60); got '{given}'", statusCode: StatusCodes.Status400BadRequest);
            return Results.Ok(await operations.SnapshotAsync(minutes, ct));
        })
            .WithTags("Operations").RequireAuthorization(Policies.Admins)
            .WithSummary("The stages over the last minutes (default 60): messages handled per minute and their handling time by every process, parked failures, the outbox backlog and its oldest row, the stage queues' depths and consumers");
    }
}
