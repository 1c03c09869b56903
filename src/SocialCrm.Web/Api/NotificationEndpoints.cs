using SocialCrm.Stages.Notifications;
using SocialCrm.Web.Workplace;

namespace SocialCrm.Web.Api;

public static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Me").RequireAuthorization(Policies.Staff);

        notifications.MapGet("/", (bool? unread, int? take, HttpContext http, NotificationCenter center, CancellationToken ct) =>
                center.ListAsync(http.User.Identity!.Name!, unread ?? false, take ?? 50, ct))
            .WithSummary("Your notifications, newest first, with the unread count: a case assigned to you, a mention, an SLA within 15 minutes, a send that failed. ?unread=true for the unread only");

        notifications.MapPost("/{id:guid}/read", async (Guid id, HttpContext http, NotificationCenter center, CancellationToken ct) =>
                await center.MarkReadAsync(http.User.Identity!.Name!, id, ct) ? Results.NoContent() : Results.Problem($"you have no notification {id}", statusCode: StatusCodes.Status404NotFound))
            .WithSummary("Mark one of your notifications read");

        notifications.MapPost("/read-all", async (HttpContext http, NotificationCenter center, CancellationToken ct) =>
                Results.Ok(new { marked = await center.MarkAllReadAsync(http.User.Identity!.Name!, ct) }))
            .WithSummary("Mark all your notifications read");
    }
}
